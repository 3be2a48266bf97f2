package org.haven.datasets;

import java.nio.file.Path;
import org.haven.datasets.DatasetException.Problem;
import org.haven.datasets.internal.Sql;
import org.haven.schema.Field;

/**
 * SQL text for modules that query a version with their own statements (aggregates, say). File paths and column
 * names cannot be bound as parameters, so they are the only text spliced into a statement, and only as built here:
 * the paths from the manifest, quoted, and columns that are fields of the manifest's schema, quoted. Every value a
 * caller supplies must be bound as a parameter.
 */
public final class VersionSql {

    private VersionSql() {
    }

    /** A table expression over the version's Parquet files, in row order: {@code read_parquet([...])}. */
    public static String scan(Path versionDirectory, DatasetManifest manifest) {
        return "read_parquet(" + Sql.pathList(manifest.dataFiles(versionDirectory)) + ")";
    }

    /**
     * The quoted column of a field of the version's schema, named ignoring case.
     *
     * @throws DatasetException UNKNOWN_COLUMN when the schema has no such field
     */
    public static String column(DatasetManifest manifest, String fieldName) {
        Field field = manifest.schema().field(fieldName == null ? "" : fieldName)
                .orElseThrow(() -> new DatasetException(Problem.UNKNOWN_COLUMN, "the version has no field named '"
                        + fieldName + "'"));
        return Sql.identifier(field.name());
    }
}
