package org.haven.formats;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How to read a file and the limits that keep hostile input from exhausting memory. Immutable; start from
 * {@link #defaults()} or {@link #builder()}. Sizes are counted in UTF-8 bytes of the decoded text, whatever the
 * input's charset, so one limit means the same thing for every source.
 */
public final class FormatOptions {

    public static final char DEFAULT_DELIMITER = ',';
    public static final char DEFAULT_QUOTE = '"';
    public static final int DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_COLUMNS = 4096;
    public static final long DEFAULT_MAX_RECORDS = Long.MAX_VALUE;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 32;
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 8L * 1024 * 1024 * 1024;

    private static final FormatOptions DEFAULTS = builder().build();

    private final char delimiter;
    private final char quote;
    private final boolean header;
    private final Charset charset;
    private final int maxRecordBytes;
    private final int maxFieldBytes;
    private final int maxColumns;
    private final long maxRecords;
    private final int maxNestingDepth;
    private final long maxDecompressedBytes;

    private FormatOptions(Builder builder) {
        this.delimiter = builder.delimiter;
        this.quote = builder.quote;
        this.header = builder.header;
        this.charset = builder.charset;
        this.maxRecordBytes = builder.maxRecordBytes;
        this.maxFieldBytes = builder.maxFieldBytes;
        this.maxColumns = builder.maxColumns;
        this.maxRecords = builder.maxRecords;
        this.maxNestingDepth = builder.maxNestingDepth;
        this.maxDecompressedBytes = builder.maxDecompressedBytes;
    }

    public static FormatOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .delimiter(delimiter)
                .quote(quote)
                .header(header)
                .charset(charset)
                .maxRecordBytes(maxRecordBytes)
                .maxFieldBytes(maxFieldBytes)
                .maxColumns(maxColumns)
                .maxRecords(maxRecords)
                .maxNestingDepth(maxNestingDepth)
                .maxDecompressedBytes(maxDecompressedBytes);
    }

    /** CSV field separator; {@code ,} by default. */
    public char delimiter() {
        return delimiter;
    }

    /** CSV quote character; {@code "} by default. */
    public char quote() {
        return quote;
    }

    /** Whether a CSV file starts with a header row (the default); without one, columns are named c1..cn. */
    public boolean header() {
        return header;
    }

    /** The text encoding, decoded strictly (malformed input is an error); UTF-8 by default. */
    public Charset charset() {
        return charset;
    }

    /** Largest record, in UTF-8 bytes of its text (CSV) or of its names and values (JSON). */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** Largest single value, in UTF-8 bytes. */
    public int maxFieldBytes() {
        return maxFieldBytes;
    }

    public int maxColumns() {
        return maxColumns;
    }

    /** Most records a stream may hold; unlimited by default. */
    public long maxRecords() {
        return maxRecords;
    }

    /** How deeply JSON objects and arrays may nest, counting the record object as 1. */
    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    /** Most bytes a gzip-compressed input may expand to, and the largest Parquet input (it is spooled to disk). */
    public long maxDecompressedBytes() {
        return maxDecompressedBytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FormatOptions that
                && delimiter == that.delimiter
                && quote == that.quote
                && header == that.header
                && charset.equals(that.charset)
                && maxRecordBytes == that.maxRecordBytes
                && maxFieldBytes == that.maxFieldBytes
                && maxColumns == that.maxColumns
                && maxRecords == that.maxRecords
                && maxNestingDepth == that.maxNestingDepth
                && maxDecompressedBytes == that.maxDecompressedBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(delimiter, quote, header, charset, maxRecordBytes, maxFieldBytes, maxColumns, maxRecords,
                maxNestingDepth, maxDecompressedBytes);
    }

    @Override
    public String toString() {
        return "FormatOptions[delimiter=" + printable(delimiter) + ", quote=" + printable(quote) + ", header=" + header
                + ", charset=" + charset + ", maxRecordBytes=" + maxRecordBytes + ", maxFieldBytes=" + maxFieldBytes
                + ", maxColumns=" + maxColumns + ", maxRecords=" + maxRecords + ", maxNestingDepth=" + maxNestingDepth
                + ", maxDecompressedBytes=" + maxDecompressedBytes + "]";
    }

    private static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }

    /** Builds {@link FormatOptions}; each setter rejects values that could never work. */
    public static final class Builder {

        private char delimiter = DEFAULT_DELIMITER;
        private char quote = DEFAULT_QUOTE;
        private boolean header = true;
        private Charset charset = StandardCharsets.UTF_8;
        private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
        private int maxFieldBytes = DEFAULT_MAX_FIELD_BYTES;
        private int maxColumns = DEFAULT_MAX_COLUMNS;
        private long maxRecords = DEFAULT_MAX_RECORDS;
        private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
        private long maxDecompressedBytes = DEFAULT_MAX_DECOMPRESSED_BYTES;

        private Builder() {
        }

        /** Any character but a line break or NUL: usually {@code ,} {@code ;} {@code \t} or {@code |}. */
        public Builder delimiter(char delimiter) {
            this.delimiter = separator(delimiter, "delimiter");
            return this;
        }

        public Builder quote(char quote) {
            this.quote = separator(quote, "quote");
            return this;
        }

        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        public Builder maxRecordBytes(int maxRecordBytes) {
            this.maxRecordBytes = positive(maxRecordBytes, "maxRecordBytes");
            return this;
        }

        public Builder maxFieldBytes(int maxFieldBytes) {
            this.maxFieldBytes = positive(maxFieldBytes, "maxFieldBytes");
            return this;
        }

        public Builder maxColumns(int maxColumns) {
            this.maxColumns = positive(maxColumns, "maxColumns");
            return this;
        }

        public Builder maxRecords(long maxRecords) {
            if (maxRecords < 0) {
                throw new IllegalArgumentException("maxRecords must not be negative");
            }
            this.maxRecords = maxRecords;
            return this;
        }

        public Builder maxNestingDepth(int maxNestingDepth) {
            this.maxNestingDepth = positive(maxNestingDepth, "maxNestingDepth");
            return this;
        }

        public Builder maxDecompressedBytes(long maxDecompressedBytes) {
            if (maxDecompressedBytes < 1) {
                throw new IllegalArgumentException("maxDecompressedBytes must be positive");
            }
            this.maxDecompressedBytes = maxDecompressedBytes;
            return this;
        }

        public FormatOptions build() {
            if (delimiter == quote) {
                throw new IllegalArgumentException("the delimiter and the quote must differ");
            }
            return new FormatOptions(this);
        }

        private static char separator(char c, String what) {
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException(what + " must not be a line break or NUL");
            }
            return c;
        }

        private static int positive(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return value;
        }
    }
}
