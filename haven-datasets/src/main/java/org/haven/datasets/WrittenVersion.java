package org.haven.datasets;

import java.util.List;

/**
 * What {@link DatasetVersionWriter#finish()} wrote: the Parquet files, in order, and their total row count. The
 * caller adds identity and lineage to make a {@link DatasetManifest}.
 *
 * @param rowCount the sum of the files' rows
 * @param files in row order: reading them one after the other gives the rows in the order they were written
 */
public record WrittenVersion(long rowCount, List<DataFile> files) {

    public WrittenVersion {
        files = List.copyOf(files);
    }
}
