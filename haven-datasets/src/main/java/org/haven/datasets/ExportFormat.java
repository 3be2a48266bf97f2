package org.haven.datasets;

/** What a version can be downloaded as. */
public enum ExportFormat {
    /**
     * RFC 4180 CSV, UTF-8 without byte order mark: a header row, CRLF line ends, fields quoted when they hold the
     * delimiter, a quote or a line break, quotes doubled. A null is an empty field, an empty string {@code ""}.
     */
    CSV("text/csv", ".csv"),
    /** One JSON object per line; nulls are {@code null}, DECIMAL values exact JSON numbers. */
    NDJSON("application/x-ndjson", ".ndjson"),
    /** One zstd-compressed Parquet file with the version's column types. */
    PARQUET("application/vnd.apache.parquet", ".parquet");

    private final String mediaType;
    private final String fileExtension;

    ExportFormat(String mediaType, String fileExtension) {
        this.mediaType = mediaType;
        this.fileExtension = fileExtension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String fileExtension() {
        return fileExtension;
    }
}
