package org.haven.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;
import org.haven.datasets.DatasetException.Problem;
import org.haven.datasets.internal.Sql;
import org.haven.schema.Field;
import org.haven.schema.Schema;

/**
 * A new version made from the files of another by replacing some of its columns, such as a de-identified copy in
 * which most fields are kept. Only the replaced columns pass through Java: their input values are read record by
 * record, turned into the new values and written as Parquet of their own; DuckDB then joins them by position with the
 * kept columns, which it copies from the input files without converting a value, into the new version's files.
 * Reading back and writing every column in Java costs several times more (see docs/benchmarks.md).
 *
 * <p>Records keep their order, so the position join pairs each record's kept and replaced values.
 */
public final class VersionRewrite {

    private VersionRewrite() {}

    /**
     * @param input the schema of {@code inputFiles}
     * @param output the new version's schema: each field is either kept (its name in {@code kept}, with the input
     *     field's name and data type) or replaced
     * @param replace turns one record of the replaced fields' input values (keyed by name; fields of the input with
     *     the replaced fields' names) into their new values (keyed by output name)
     * @throws DatasetException STORAGE_FAILED when a file cannot be read or written
     */
    public static WrittenVersion write(DuckDbSession session, Schema input, List<Path> inputFiles, Schema output,
            Set<String> kept, UnaryOperator<Map<String, Object>> replace, Path versionDirectory) {
        List<Field> replaced = output.fields().stream().filter(field -> !kept.contains(field.name())).toList();
        Path replacementDirectory = versionDirectory.resolveSibling(versionDirectory.getFileName() + "-replaced");
        try {
            Files.createDirectories(versionDirectory);
            String joined;
            if (replaced.isEmpty()) {
                joined = "SELECT " + columns(output, kept, "p") + " FROM read_parquet(" + Sql.pathList(inputFiles) + ") p";
            } else {
                List<Path> replacementFiles = writeReplacements(session, input, inputFiles, new Schema(replaced), replace,
                        replacementDirectory);
                joined = "SELECT " + columns(output, kept, "p") + " FROM read_parquet(" + Sql.pathList(inputFiles)
                        + ") p POSITIONAL JOIN read_parquet(" + Sql.pathList(replacementFiles) + ") r";
            }
            return DatasetVersionWriter.copyToVersion(session, joined, versionDirectory, ParquetLayout.DEFAULT);
        } catch (SQLException | IOException e) {
            DatasetVersionWriter.deleteTree(versionDirectory.resolve(DatasetVersionWriter.DATA_FOLDER));
            throw new DatasetException(Problem.STORAGE_FAILED, "cannot write the rewritten version's Parquet files", e);
        } finally {
            DatasetVersionWriter.deleteTree(replacementDirectory);
        }
    }

    private static List<Path> writeReplacements(DuckDbSession session, Schema input, List<Path> inputFiles,
            Schema replaced, UnaryOperator<Map<String, Object>> replace, Path directory) {
        List<Field> sources = replaced.fields().stream()
                .map(field -> input.field(field.name()).orElseThrow(() -> new IllegalArgumentException(
                        "the input has no field '" + field.name() + "' to replace")))
                .toList();
        try (VersionRecords records = VersionRecords.open(session, new Schema(sources), inputFiles);
                DatasetVersionWriter writer = DatasetVersionWriter.open(session, replaced, directory)) {
            for (var next = records.next(); next.isPresent(); next = records.next()) {
                writer.write(replace.apply(next.get()));
            }
            WrittenVersion written = writer.finish();
            return written.files().stream().map(file -> directory.resolve(file.path())).toList();
        }
    }

    /** The output's columns in order: kept ones from the input ({@code p}), the others from the replacements. */
    private static String columns(Schema output, Set<String> kept, String inputAlias) {
        StringJoiner columns = new StringJoiner(", ");
        for (Field field : output.fields()) {
            String column = Sql.identifier(field.name());
            columns.add((kept.contains(field.name()) ? inputAlias : "r") + "." + column + " AS " + column);
        }
        return columns.toString();
    }
}
