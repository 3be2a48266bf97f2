package org.haven.datasets;

/**
 * How a version's rows are laid out in Parquet files. Compression is always zstd.
 *
 * @param rowGroupRows rows per row group: large enough for good compression and few footer entries, small enough
 *     that readers holding one row group per thread stay within memory
 * @param targetFileBytes a new file is started once the current one passes about this size, so that no single
 *     object in the blob store grows without limit
 */
public record ParquetLayout(int rowGroupRows, long targetFileBytes) {

    /** DuckDB's own row-group size (122,880 rows) and files of about 256 MiB. */
    public static final ParquetLayout DEFAULT = new ParquetLayout(122_880, 256L * 1024 * 1024);

    public ParquetLayout {
        if (rowGroupRows < 2048) {
            throw new IllegalArgumentException("rowGroupRows must be at least 2048 (one DuckDB vector)");
        }
        if (targetFileBytes < 1024 * 1024) {
            throw new IllegalArgumentException("targetFileBytes must be at least 1 MiB");
        }
    }
}
