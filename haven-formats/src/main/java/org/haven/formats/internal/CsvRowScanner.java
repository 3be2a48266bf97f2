package org.haven.formats.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.haven.formats.FormatException;
import org.haven.formats.FormatException.Problem;
import org.haven.formats.FormatOptions;

/**
 * Splits text into rows of fields by RFC 4180: fields quoted or not, a doubled quote inside quotes is one quote,
 * delimiters and line breaks inside quotes are data, and rows end at CRLF, LF or CR. Empty lines are not rows.
 * Reads through a fixed-size buffer and stops as soon as a field or row passes its limit, so neither is ever held
 * whole when it is too large.
 */
final class CsvRowScanner {

    private static final int END = -1;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Reader text;
    private final char delimiter;
    private final char quote;
    private final int maxFieldBytes;
    private final int maxRecordBytes;
    private final int maxColumns;
    private final char[] buffer = new char[BUFFER_SIZE];
    private int position;
    private int limit;
    private boolean ended;

    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private long line = 1;
    private long rowLine;
    private long rowNumber;
    private long fieldBytes;
    private long rowBytes;

    CsvRowScanner(Reader text, FormatOptions options) {
        this.text = text;
        this.delimiter = options.delimiter();
        this.quote = options.quote();
        this.maxFieldBytes = options.maxFieldBytes();
        this.maxRecordBytes = options.maxRecordBytes();
        this.maxColumns = options.maxColumns();
    }

    /**
     * Reads the next row into {@link #fields()}.
     *
     * @param number the record number to report in errors, 0 for the header row
     * @return false at the end of the input
     */
    boolean nextRow(long number) throws IOException {
        fields.clear();
        rowNumber = number;
        rowBytes = 0;
        int c = skipEmptyLines();
        if (c == END) {
            return false;
        }
        rowLine = line;
        while (true) {
            c = c == quote ? readQuotedField() : readUnquotedField(c);
            endField();
            if (c != delimiter) {
                break;
            }
            countSyntax(c);
            c = read();
        }
        if (c == '\r') {
            line++;
            skipLineFeed();
        } else if (c == '\n') {
            line++;
        }
        return true;
    }

    /** The fields of the last row read; reused by the next call. */
    List<String> fields() {
        return fields;
    }

    /** The 1-based line on which the last row read started. */
    long rowLine() {
        return rowLine;
    }

    /** The 1-based line the scanner is on. */
    long line() {
        return line;
    }

    private int skipEmptyLines() throws IOException {
        while (true) {
            int c = read();
            if (c == '\n') {
                line++;
            } else if (c == '\r') {
                line++;
                skipLineFeed();
            } else {
                return c;
            }
        }
    }

    /** Reads a field up to its end; returns the character that ended it. */
    private int readUnquotedField(int first) throws IOException {
        int c = first;
        while (c != delimiter && c != '\r' && c != '\n' && c != END) {
            if (c == quote) {
                throw failure(Problem.MISPLACED_QUOTE, "inside an unquoted field", line);
            }
            append((char) c);
            c = read();
        }
        return c;
    }

    /** Reads a field whose opening quote was just seen; returns the character after the closing quote. */
    private int readQuotedField() throws IOException {
        long openingLine = line;
        countSyntax(quote);
        while (true) {
            int c = read();
            if (c == END) {
                throw failure(Problem.UNBALANCED_QUOTE, "still open at the end of the input", openingLine);
            }
            if (c == quote) {
                countSyntax(quote);
                int next = read();
                if (next != quote) {
                    if (next != delimiter && next != '\r' && next != '\n' && next != END) {
                        throw failure(Problem.MISPLACED_QUOTE, "text after a closing quote", line);
                    }
                    return next;
                }
                append(quote);
            } else if (c == '\r') {
                line++;
                append('\r');
                if (peek() == '\n') {
                    append((char) read());
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                append((char) c);
            }
        }
    }

    private void append(char c) throws FormatException {
        int size = Utf8Length.of(c);
        fieldBytes += size;
        if (fieldBytes > maxFieldBytes) {
            throw failure(Problem.FIELD_TOO_LARGE,
                    "field " + (fields.size() + 1) + " passes " + maxFieldBytes + " bytes", line);
        }
        countRowBytes(size);
        field.append(c);
    }

    private void countSyntax(int c) throws FormatException {
        countRowBytes(Utf8Length.of((char) c));
    }

    private void countRowBytes(int size) throws FormatException {
        rowBytes += size;
        if (rowBytes > maxRecordBytes) {
            throw failure(Problem.RECORD_TOO_LARGE, "passes " + maxRecordBytes + " bytes", rowLine);
        }
    }

    private void endField() throws FormatException {
        if (fields.size() == maxColumns) {
            throw failure(Problem.TOO_MANY_COLUMNS, "more than " + maxColumns + " fields", rowLine);
        }
        fields.add(field.toString());
        field.setLength(0);
        fieldBytes = 0;
    }

    private void skipLineFeed() throws IOException {
        if (peek() == '\n') {
            read();
        }
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position];
    }

    /** Refills the whole buffer: every character before {@link #position} has already been copied out. */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int read;
        try {
            do {
                read = text.read(buffer, 0, buffer.length);
            } while (read == 0);
        } catch (FormatException e) {
            throw e.withPosition(line, rowNumber);
        }
        if (read < 0) {
            ended = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private FormatException failure(Problem problem, String detail, long atLine) {
        return new FormatException(problem, detail, atLine, rowNumber);
    }
}
