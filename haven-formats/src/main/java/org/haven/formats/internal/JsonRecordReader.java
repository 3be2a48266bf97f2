package org.haven.formats.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.haven.formats.Columns;
import org.haven.formats.Format;
import org.haven.formats.FormatException;
import org.haven.formats.FormatException.Problem;
import org.haven.formats.FormatOptions;
import org.haven.formats.Record;
import org.haven.formats.RecordReader;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Records from a JSON array of objects or from NDJSON, one object at a time on Jackson's streaming parser.
 *
 * <p>The first object's keys, in order, are the columns: a stream cannot know later keys up front, and a reader
 * whose columns change midway would be hard to load into a table. A later object may leave keys out (they read as
 * {@code null}) but a key the first object did not have is an {@link Problem#UNKNOWN_COLUMN} error. Values become
 * text: strings as they are, numbers as written in the input, {@code true}/{@code false}, {@code null} as null, and
 * nested objects and arrays as compact JSON text (bounded by the field limit and the nesting limit).
 */
public final class JsonRecordReader implements RecordReader {

    /** The record object itself is depth 1 of {@link FormatOptions#maxNestingDepth()}. */
    private static final int RECORD_DEPTH = 1;
    /** Jackson's own depth limit sits above ours (it also counts the enclosing array) and is only a backstop. */
    private static final int JACKSON_DEPTH_MARGIN = 2;

    private final JsonParser parser;
    private final Reader text;
    private final Format format;
    private final FormatOptions options;
    private Columns columns;
    private Record firstRecord;
    private boolean ended;
    private long recordNumber;
    private long line;
    private long recordInProgress;
    private long lastRecordEndLine;
    private FormatException failure;

    private JsonRecordReader(JsonParser parser, Reader text, Format format, FormatOptions options) {
        this.parser = parser;
        this.text = text;
        this.format = format;
        this.options = options;
    }

    /** Reads up to the end of the first record, so that the columns are known. */
    public static JsonRecordReader open(Reader text, Format format, FormatOptions options) throws IOException {
        if (format != Format.JSON_ARRAY && format != Format.NDJSON) {
            throw new IllegalArgumentException("not a JSON format: " + format);
        }
        JsonParser parser = parserFactory(options).createParser(ObjectReadContext.empty(), text);
        JsonRecordReader reader = new JsonRecordReader(parser, text, format, options);
        reader.readFirstRecord();
        return reader;
    }

    private static JsonFactory parserFactory(FormatOptions options) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(options.maxNestingDepth() + JACKSON_DEPTH_MARGIN)
                .maxStringLength(options.maxFieldBytes())
                .maxNameLength(options.maxFieldBytes())
                .maxNumberLength(Math.min(options.maxFieldBytes(), StreamReadConstraints.DEFAULT_MAX_NUM_LEN))
                .build();
        return JsonFactory.builder().streamReadConstraints(constraints).build();
    }

    private void readFirstRecord() throws IOException {
        JsonToken first = nextToken();
        if (first == null) {
            throw new FormatException(Problem.EMPTY_INPUT, "", parser.currentLocation().getLineNr());
        }
        if (format == Format.JSON_ARRAY) {
            if (first != JsonToken.START_ARRAY) {
                throw new FormatException(Problem.NOT_A_JSON_ARRAY, "the input must start with '['", lineOfToken());
            }
            firstRecord = readRecord(nextToken());
        } else {
            firstRecord = readRecord(first);
        }
        columns = firstRecord == null ? Columns.none() : firstRecord.columns();
    }

    @Override
    public Format format() {
        return format;
    }

    @Override
    public Columns columns() {
        return columns;
    }

    @Override
    public Optional<Record> next() throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            Record record;
            if (firstRecord != null) {
                record = firstRecord;
                firstRecord = null;
            } else {
                record = ended ? null : readRecord(nextToken());
            }
            if (record != null) {
                recordNumber = record.number();
                line = record.line();
            }
            return Optional.ofNullable(record);
        } catch (FormatException e) {
            failure = e;
            throw e;
        }
    }

    /** Reads the record that starts with {@code token}, or returns null at the end of the records. */
    private Record readRecord(JsonToken token) throws IOException {
        if (isEndOfRecords(token)) {
            ended = true;
            return null;
        }
        long number = recordNumberBefore() + 1;
        long startLine = lineOfToken();
        if (token != JsonToken.START_OBJECT) {
            throw new FormatException(Problem.NOT_AN_OBJECT, "found " + describe(token), startLine, number);
        }
        if (format == Format.NDJSON && startLine <= lastRecordEndLine) {
            throw new FormatException(Problem.MALFORMED_JSON, "two NDJSON records on one line", startLine, number);
        }
        if (number > options.maxRecords()) {
            throw new FormatException(Problem.TOO_MANY_RECORDS, "limit " + options.maxRecords(), startLine, number);
        }
        recordInProgress = number;
        Record record = columns == null ? readFirstObject(number, startLine) : readLaterObject(number, startLine);
        recordInProgress = 0;
        if (format == Format.NDJSON) {
            long endLine = lineOfToken();
            if (endLine != startLine) {
                throw new FormatException(Problem.MALFORMED_JSON, "an NDJSON record must sit on one line", endLine,
                        number);
            }
            lastRecordEndLine = endLine;
        }
        return record;
    }

    private long recordNumberBefore() {
        return firstRecord != null ? firstRecord.number() : recordNumber;
    }

    private boolean isEndOfRecords(JsonToken token) throws IOException {
        if (format == Format.NDJSON) {
            return token == null;
        }
        if (token == null) {
            throw new FormatException(Problem.MALFORMED_JSON, "the array is not closed", lineOfToken());
        }
        if (token != JsonToken.END_ARRAY) {
            return false;
        }
        if (nextToken() != null) {
            throw new FormatException(Problem.MALFORMED_JSON, "content after the closing ']'", lineOfToken());
        }
        return true;
    }

    private Record readFirstObject(long number, long startLine) throws IOException {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        RecordSize size = new RecordSize(number);
        for (JsonToken token = nextToken(); token != JsonToken.END_OBJECT; token = nextToken()) {
            String name = parser.currentName();
            size.add(name);
            int position = names.size() + 1;
            if (name.isBlank()) {
                throw new FormatException(Problem.EMPTY_HEADER, "key " + position, lineOfToken(), number);
            }
            Integer earlier = positions.putIfAbsent(name, position);
            if (earlier != null) {
                throw new FormatException(Problem.DUPLICATE_COLUMN,
                        "keys " + earlier + " and " + position + " are the same", lineOfToken(), number);
            }
            if (position > options.maxColumns()) {
                throw new FormatException(Problem.TOO_MANY_COLUMNS, "more than " + options.maxColumns() + " keys",
                        lineOfToken(), number);
            }
            names.add(name);
            values.add(size.add(readValue(number)));
        }
        return new Record(Columns.of(names), values, number, startLine);
    }

    private Record readLaterObject(long number, long startLine) throws IOException {
        String[] values = new String[columns.size()];
        boolean[] present = new boolean[columns.size()];
        RecordSize size = new RecordSize(number);
        int position = 0;
        for (JsonToken token = nextToken(); token != JsonToken.END_OBJECT; token = nextToken()) {
            position++;
            String name = parser.currentName();
            size.add(name);
            OptionalInt index = columns.indexOf(name);
            if (index.isEmpty()) {
                throw new FormatException(Problem.UNKNOWN_COLUMN,
                        "key " + position + " is not among the " + columns.size() + " keys of record 1",
                        lineOfToken(), number);
            }
            int column = index.getAsInt();
            if (present[column]) {
                throw new FormatException(Problem.DUPLICATE_COLUMN, "key " + position + " repeats column "
                        + (column + 1), lineOfToken(), number);
            }
            present[column] = true;
            values[column] = size.add(readValue(number));
        }
        return new Record(columns, Arrays.asList(values), number, startLine);
    }

    private String readValue(long number) throws IOException {
        JsonToken token = nextToken();
        switch (token) {
            case VALUE_STRING:
                return checkedString(number);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return string();
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            case VALUE_NULL:
                return null;
            case START_OBJECT:
            case START_ARRAY:
                return nestedValue(token, number);
            default:
                throw new FormatException(Problem.MALFORMED_JSON, "unexpected " + describe(token), lineOfToken(),
                        number);
        }
    }

    /** Re-writes a nested object or array as compact JSON, iteratively so that depth cannot exhaust the stack. */
    private String nestedValue(JsonToken start, long number) throws IOException {
        BoundedText text = new BoundedText(options.maxFieldBytes(), lineOfToken(), number);
        int depth = RECORD_DEPTH;
        boolean needsComma = false;
        JsonToken token = start;
        do {
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    depth++;
                    if (depth > options.maxNestingDepth()) {
                        throw new FormatException(Problem.NESTING_TOO_DEEP, "limit " + options.maxNestingDepth(),
                                lineOfToken(), number);
                    }
                    comma(text, needsComma).append(token == JsonToken.START_OBJECT ? '{' : '[');
                    needsComma = false;
                }
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    text.append(token == JsonToken.END_OBJECT ? '}' : ']');
                    needsComma = true;
                }
                case PROPERTY_NAME -> {
                    comma(text, needsComma).appendQuoted(parser.currentName()).append(':');
                    needsComma = false;
                }
                case VALUE_STRING -> {
                    comma(text, needsComma).appendQuoted(checkedString(number));
                    needsComma = true;
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    comma(text, needsComma).append(string());
                    needsComma = true;
                }
                case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                    comma(text, needsComma).append(token == JsonToken.VALUE_TRUE ? "true"
                            : token == JsonToken.VALUE_FALSE ? "false" : "null");
                    needsComma = true;
                }
                default -> throw new FormatException(Problem.MALFORMED_JSON, "unexpected " + describe(token),
                        lineOfToken(), number);
            }
            if (depth > RECORD_DEPTH) {
                token = nextToken();
            }
        } while (depth > RECORD_DEPTH);
        return text.toString();
    }

    private static BoundedText comma(BoundedText text, boolean needed) throws FormatException {
        return needed ? text.append(',') : text;
    }

    private String checkedString(long number) throws IOException {
        String value = string();
        if (value.indexOf('\0') >= 0) {
            throw new FormatException(Problem.NUL_BYTE, "an escaped NUL in a string", lineOfToken(), number);
        }
        if (Utf8Length.of(value) > options.maxFieldBytes()) {
            throw new FormatException(Problem.FIELD_TOO_LARGE, "passes " + options.maxFieldBytes() + " bytes",
                    lineOfToken(), number);
        }
        return value;
    }

    private JsonToken nextToken() throws IOException {
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.NOT_AVAILABLE || (token == null && recordInProgress != 0)) {
                throw new FormatException(Problem.MALFORMED_JSON, "the input ends inside a record", lineOfToken(),
                        recordInProgress);
            }
            return token;
        } catch (JacksonException e) {
            throw translated(e);
        }
    }

    private String string() throws IOException {
        try {
            return parser.getString();
        } catch (JacksonException e) {
            throw translated(e);
        }
    }

    /**
     * Turns a Jackson failure into a {@link FormatException}. Jackson's own message is dropped: it can quote the
     * input (an unrecognised token, a bad escape), and the input is sensitive.
     */
    private IOException translated(JacksonException e) {
        if (e instanceof JacksonIOException && e.getCause() instanceof IOException cause) {
            return cause instanceof FormatException formatFailure ? formatFailure.withPosition(lineOfToken(), recordInProgress) : cause;
        }
        TokenStreamLocation location = e.getLocation();
        long atLine = location != null && location.getLineNr() > 0 ? location.getLineNr() : lineOfToken();
        if (e instanceof StreamConstraintsException) {
            String message = String.valueOf(e.getOriginalMessage());
            Problem problem = message.contains("nesting depth") ? Problem.NESTING_TOO_DEEP : Problem.FIELD_TOO_LARGE;
            String detail = problem == Problem.NESTING_TOO_DEEP
                    ? "limit " + options.maxNestingDepth()
                    : "a value or key passes " + options.maxFieldBytes() + " bytes";
            return new FormatException(problem, detail, atLine, recordInProgress);
        }
        return new FormatException(Problem.MALFORMED_JSON, "near column " + columnOf(location), atLine,
                recordInProgress);
    }

    private static int columnOf(TokenStreamLocation location) {
        return location == null ? 0 : Math.max(location.getColumnNr(), 0);
    }

    private long lineOfToken() {
        TokenStreamLocation location = parser.currentTokenLocation();
        return location.getLineNr() > 0 ? location.getLineNr() : parser.currentLocation().getLineNr();
    }

    private static String describe(JsonToken token) {
        return token == null ? "the end of the input" : JsonToken.valueDescFor(token);
    }

    @Override
    public long recordNumber() {
        return recordNumber;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } catch (JacksonException e) {
            // The parser only closes the reader below; a failure there is reported by that close.
        } finally {
            text.close();
        }
    }

    /** Adds up a record's names and values, in UTF-8 bytes, against the record limit. */
    private final class RecordSize {

        private final long number;
        private long bytes;

        RecordSize(long number) {
            this.number = number;
        }

        String add(String text) throws FormatException {
            if (text != null) {
                bytes += Utf8Length.of(text);
                if (bytes > options.maxRecordBytes()) {
                    throw new FormatException(Problem.RECORD_TOO_LARGE, "passes " + options.maxRecordBytes()
                            + " bytes", lineOfToken(), number);
                }
            }
            return text;
        }
    }
}
