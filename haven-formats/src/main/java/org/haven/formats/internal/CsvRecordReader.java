package org.haven.formats.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.haven.formats.Columns;
import org.haven.formats.Format;
import org.haven.formats.FormatException;
import org.haven.formats.FormatException.Problem;
import org.haven.formats.FormatOptions;
import org.haven.formats.Record;
import org.haven.formats.RecordReader;

/**
 * Records from CSV text. The header row (or, without one, the first row's width) fixes the columns; every row must
 * have exactly that many fields. A file with a header and no rows has no records; a file with no rows at all is an
 * error, since it cannot say what its columns are.
 */
public final class CsvRecordReader implements RecordReader {

    private final Reader text;
    private final CsvRowScanner scanner;
    private final Columns columns;
    private final long maxRecords;
    private List<String> firstRowWithoutHeader;
    private long recordNumber;
    private long line;
    private FormatException failure;

    private CsvRecordReader(Reader text, CsvRowScanner scanner, Columns columns, long maxRecords,
            List<String> firstRowWithoutHeader) {
        this.text = text;
        this.scanner = scanner;
        this.columns = columns;
        this.maxRecords = maxRecords;
        this.firstRowWithoutHeader = firstRowWithoutHeader;
    }

    /** Reads the header (or the first row, without one) so that the columns are known. */
    public static CsvRecordReader open(Reader text, FormatOptions options) throws IOException {
        CsvRowScanner scanner = new CsvRowScanner(text, options);
        if (!scanner.nextRow(options.header() ? 0 : 1)) {
            throw new FormatException(Problem.EMPTY_INPUT,
                    options.header() ? "a header row is required" : "no rows", scanner.line());
        }
        List<String> firstRow = scanner.fields();
        if (options.header()) {
            Columns columns = Columns.of(checkedHeader(firstRow, scanner.rowLine()));
            return new CsvRecordReader(text, scanner, columns, options.maxRecords(), null);
        }
        List<String> generated = new ArrayList<>(firstRow.size());
        for (int i = 1; i <= firstRow.size(); i++) {
            generated.add("c" + i);
        }
        return new CsvRecordReader(text, scanner, Columns.of(generated), options.maxRecords(),
                List.copyOf(firstRow));
    }

    private static List<String> checkedHeader(List<String> names, long line) throws FormatException {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isBlank()) {
                throw new FormatException(Problem.EMPTY_HEADER, "column " + (i + 1), line);
            }
            Integer earlier = positions.putIfAbsent(name, i + 1);
            if (earlier != null) {
                throw new FormatException(Problem.DUPLICATE_COLUMN,
                        "columns " + earlier + " and " + (i + 1) + " have the same name", line);
            }
        }
        return names;
    }

    @Override
    public Format format() {
        return Format.CSV;
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
            return Optional.ofNullable(readRecord());
        } catch (FormatException e) {
            failure = e;
            throw e;
        }
    }

    private Record readRecord() throws IOException {
        long number = recordNumber + 1;
        List<String> fields;
        if (firstRowWithoutHeader != null) {
            fields = firstRowWithoutHeader;
            firstRowWithoutHeader = null;
        } else if (scanner.nextRow(number)) {
            fields = scanner.fields();
        } else {
            return null;
        }
        long rowLine = scanner.rowLine();
        if (number > maxRecords) {
            throw new FormatException(Problem.TOO_MANY_RECORDS, "limit " + maxRecords, rowLine, number);
        }
        if (fields.size() != columns.size()) {
            throw new FormatException(Problem.RAGGED_ROW,
                    "expected " + columns.size() + " fields, found " + fields.size(), rowLine, number);
        }
        recordNumber = number;
        line = rowLine;
        return new Record(columns, fields, number, rowLine);
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
        text.close();
    }
}
