package org.haven.datasets.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** SQL text for DuckDB: quoted literals and identifiers, because paths and names cannot be bound as parameters. */
public final class Sql {

    private Sql() {
    }

    /** A string literal: single quotes, inner quotes doubled. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    public static String literal(Path path) {
        return literal(path.toAbsolutePath().toString());
    }

    /** A list literal of file paths, for {@code read_parquet([...])}. */
    public static String pathList(List<Path> paths) {
        return paths.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A quoted identifier: double quotes, inner quotes doubled. */
    public static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
