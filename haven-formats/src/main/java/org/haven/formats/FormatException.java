package org.haven.formats;

import java.io.IOException;
import java.util.Objects;

/**
 * The input is not a well-formed file of the expected format, or breaks a limit. Carries a {@link Problem}, the
 * 1-based line where it was found and, when it happened inside a record, that record's 1-based number.
 *
 * <p>An {@link IOException} so that it passes unchanged through the {@code java.io} layers it is raised in
 * (decompression, decoding) and reaches the caller as itself. Messages name positions and sizes only, never the
 * content of a field, and no cause is attached whose message might quote the input.
 */
public final class FormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the input. Stable names: callers map them to their own error codes. */
    public enum Problem {
        EMPTY_INPUT("the input is empty"),
        EMPTY_HEADER("a column name is empty"),
        DUPLICATE_COLUMN("a column name appears twice"),
        UNBALANCED_QUOTE("a quoted field is not closed"),
        MISPLACED_QUOTE("a quote character appears where RFC 4180 does not allow one"),
        RAGGED_ROW("a row has a different number of fields than the header"),
        INVALID_ENCODING("the bytes are not valid in the expected character encoding"),
        NUL_BYTE("the input contains a NUL character"),
        RECORD_TOO_LARGE("a record is larger than the limit"),
        FIELD_TOO_LARGE("a field is larger than the limit"),
        TOO_MANY_COLUMNS("there are more columns than the limit"),
        TOO_MANY_RECORDS("there are more records than the limit"),
        NESTING_TOO_DEEP("JSON values nest deeper than the limit"),
        DECOMPRESSED_TOO_LARGE("the decompressed input is larger than the limit"),
        CORRUPT_COMPRESSION("the gzip data is corrupt or truncated"),
        NOT_A_JSON_ARRAY("the input is not a JSON array"),
        NOT_AN_OBJECT("a record is not a JSON object"),
        UNKNOWN_COLUMN("a record has a key that the first record did not have"),
        MALFORMED_JSON("the input is not well-formed JSON"),
        MALFORMED_PARQUET("the input is not a readable Parquet file"),
        FORMAT_NOT_AVAILABLE("no reader for this format is installed");

        private final String description;

        Problem(String description) {
            this.description = description;
        }

        /** A short, fixed sentence fragment saying what the problem is. */
        public String description() {
            return description;
        }
    }

    private final Problem problem;
    private final String detail;
    private final long line;
    private final long recordNumber;

    /**
     * @param detail positions and sizes only, never input content; may be empty
     * @param line 1-based line, or 0 when unknown
     * @param recordNumber 1-based record number, or 0 when not inside a record (a header row, the end of the input)
     */
    public FormatException(Problem problem, String detail, long line, long recordNumber) {
        super(message(problem, detail, line, recordNumber));
        this.problem = Objects.requireNonNull(problem, "problem");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.line = line;
        this.recordNumber = recordNumber;
    }

    public FormatException(Problem problem, String detail, long line) {
        this(problem, detail, line, 0);
    }

    public Problem problem() {
        return problem;
    }

    /** The 1-based line where the problem was found, or 0 when unknown. */
    public long line() {
        return line;
    }

    /** The 1-based number of the record being read, or 0 when the problem is outside any record. */
    public long recordNumber() {
        return recordNumber;
    }

    /**
     * This exception with whichever of its line and record number is still unknown filled in: layers below a reader
     * (decompression, decoding) know less about the position than the reader that sees their failure.
     */
    public FormatException withPosition(long knownLine, long knownRecordNumber) {
        long newLine = line == 0 ? knownLine : line;
        long newRecordNumber = recordNumber == 0 ? knownRecordNumber : recordNumber;
        if (newLine == line && newRecordNumber == recordNumber) {
            return this;
        }
        FormatException placed = new FormatException(problem, detail, newLine, newRecordNumber);
        placed.setStackTrace(getStackTrace());
        return placed;
    }

    private static String message(Problem problem, String detail, long line, long recordNumber) {
        StringBuilder message = new StringBuilder(problem.name());
        if (line > 0) {
            message.append(" at line ").append(line);
        }
        if (recordNumber > 0) {
            message.append(line > 0 ? ", record " : " in record ").append(recordNumber);
        }
        message.append(": ").append(problem.description());
        if (!detail.isEmpty()) {
            message.append(" (").append(detail).append(')');
        }
        return message.toString();
    }
}
