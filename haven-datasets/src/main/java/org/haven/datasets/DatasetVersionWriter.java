package org.haven.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.haven.datasets.DatasetException.Problem;
import org.haven.datasets.internal.FileDigests;
import org.haven.datasets.internal.Sql;
import org.haven.datasets.internal.StagingCsvWriter;
import org.haven.schema.Field;
import org.haven.schema.RecordResult;
import org.haven.schema.Schema;

/**
 * Writes the valid records of one dataset version as zstd-compressed Parquet files under
 * {@code <versionDirectory>/data/part-<n>.parquet}. Records are the typed values of a
 * {@link org.haven.schema.RecordValidator}; column types follow the schema:
 *
 * <table>
 *   <caption>Parquet column types</caption>
 *   <tr><th>data type</th><th>column</th></tr>
 *   <tr><td>STRING, NHS_NUMBER, POSTCODE, CODE, EMAIL</td><td>VARCHAR</td></tr>
 *   <tr><td>INTEGER</td><td>BIGINT</td></tr>
 *   <tr><td>DECIMAL</td><td>DECIMAL(38, s), s the largest scale among the version's values (exact; a value
 *       that does not fit 38 digits with that scale fails the write)</td></tr>
 *   <tr><td>BOOLEAN</td><td>BOOLEAN</td></tr>
 *   <tr><td>DATE</td><td>DATE</td></tr>
 *   <tr><td>DATETIME</td><td>TIMESTAMPTZ (the instant in UTC, to the microsecond; the original offset is not
 *       kept)</td></tr>
 * </table>
 *
 * <p>Memory stays bounded: rows go to a normalised staging CSV in the session's temp directory as they arrive (one
 * row buffered), and DuckDB converts it in one streaming {@code COPY} under its memory limit when the version is
 * finished. The same rows in the same order give byte-identical files with the same DuckDB version.
 *
 * <p>Not thread-safe. {@link #close()} without {@link #finish()} abandons the version: the staging file and any
 * Parquet written are deleted.
 */
public final class DatasetVersionWriter implements AutoCloseable {

    /** The folder, inside a version directory, that holds its Parquet files. */
    public static final String DATA_FOLDER = "data";

    private final DuckDbSession session;
    private final Schema schema;
    private final Path versionDirectory;
    private final ParquetLayout layout;
    private final Path stagingFile;
    private final StagingCsvWriter staging;
    private boolean finished;
    private boolean closed;

    private DatasetVersionWriter(DuckDbSession session, Schema schema, Path versionDirectory, ParquetLayout layout,
            Path stagingFile, StagingCsvWriter staging) {
        this.session = session;
        this.schema = schema;
        this.versionDirectory = versionDirectory;
        this.layout = layout;
        this.stagingFile = stagingFile;
        this.staging = staging;
    }

    /** {@link #open(DuckDbSession, Schema, Path, ParquetLayout)} with {@link ParquetLayout#DEFAULT}. */
    public static DatasetVersionWriter open(DuckDbSession session, Schema schema, Path versionDirectory) {
        return open(session, schema, versionDirectory, ParquetLayout.DEFAULT);
    }

    /**
     * Starts a version in a directory that is new or empty (it is created when missing).
     *
     * @throws DatasetException TARGET_NOT_EMPTY when the directory holds anything; STORAGE_FAILED when the staging
     *     file cannot be created
     */
    public static DatasetVersionWriter open(DuckDbSession session, Schema schema, Path versionDirectory,
            ParquetLayout layout) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(layout, "layout");
        Path directory = versionDirectory.toAbsolutePath().normalize();
        requireEmptyDirectory(directory);
        Path stagingFile = null;
        try {
            Files.createDirectories(directory);
            Files.createDirectories(session.settings().tempDirectory());
            stagingFile = Files.createTempFile(session.settings().tempDirectory(), "version-", ".csv");
            StagingCsvWriter staging = new StagingCsvWriter(schema.fields(), stagingFile);
            return new DatasetVersionWriter(session, schema, directory, layout, stagingFile, staging);
        } catch (IOException e) {
            deleteQuietly(stagingFile);
            throw new DatasetException(Problem.STORAGE_FAILED, "cannot start a version in " + directory, e);
        }
    }

    /**
     * Adds one valid record.
     *
     * @throws IllegalArgumentException when the record has errors: quarantine it with a {@link RejectsWriter}
     */
    public void write(RecordResult record) {
        if (!record.isValid()) {
            throw new IllegalArgumentException("only valid records are written to a version");
        }
        write(record.values());
    }

    /**
     * Adds one row of typed values keyed by schema field name; a missing key is null.
     *
     * @throws DatasetException VALUE_TYPE_MISMATCH when a value's Java type does not fit its field's data type
     */
    public void write(Map<String, Object> values) {
        requireOpen();
        try {
            staging.write(values);
        } catch (IOException e) {
            throw new DatasetException(Problem.STORAGE_FAILED, "cannot write to the staging file", e);
        }
    }

    /** Rows written so far. */
    public long rowCount() {
        return staging.rows();
    }

    /**
     * Converts the rows to Parquet and describes the files. A version with no rows still has one file, holding the
     * columns.
     *
     * @throws DatasetException DECIMAL_TOO_PRECISE, or STORAGE_FAILED (the directory is then left empty)
     */
    public WrittenVersion finish() {
        requireOpen();
        finished = true;
        try {
            staging.close();
            staging.checkDecimalsFit();
            WrittenVersion written = copyToVersion(session, "SELECT * FROM " + readStaging(), versionDirectory, layout);
            if (written.rowCount() != staging.rows()) {
                throw new DatasetException(Problem.STORAGE_FAILED, "wrote " + staging.rows() + " rows but the files hold "
                        + written.rowCount());
            }
            return written;
        } catch (SQLException | IOException e) {
            deleteTree(versionDirectory.resolve(DATA_FOLDER));
            throw new DatasetException(Problem.STORAGE_FAILED, "cannot write the version's Parquet files", e);
        } catch (RuntimeException e) {
            deleteTree(versionDirectory.resolve(DATA_FOLDER));
            throw e;
        } finally {
            deleteQuietly(stagingFile);
        }
    }

    /** Abandons the version unless it was finished. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            try {
                staging.close();
            } catch (IOException ignored) {
                // The staging file is deleted next; nothing in it is needed any more.
            }
            deleteQuietly(stagingFile);
            deleteTree(versionDirectory.resolve(DATA_FOLDER));
        }
    }

    private String readStaging() {
        StringJoiner columns = new StringJoiner(", ", "{", "}");
        List<Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            columns.add(Sql.literal(fields.get(i).name()) + ": " + Sql.literal(staging.columnType(i)));
        }
        return "read_csv(" + Sql.literal(stagingFile) + ", columns = " + columns + ", header = false,"
                + " auto_detect = false, delim = ',', quote = '\"', escape = '\"', new_line = '\\n',"
                + " nullstr = '', allow_quoted_nulls = false, strict_mode = true)";
    }

    /**
     * Writes what {@code select} returns as the Parquet files of a version (zstd, in the layout's row groups and file
     * sizes, {@code data/part-<n>.parquet}, at least one file even when there are no rows) and describes them.
     */
    static WrittenVersion copyToVersion(DuckDbSession session, String select, Path versionDirectory, ParquetLayout layout)
            throws SQLException, IOException {
        Path dataFolder = versionDirectory.resolve(DATA_FOLDER);
        session.execute("COPY (" + select + ") TO " + Sql.literal(dataFolder)
                + " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE " + layout.rowGroupRows()
                + ", FILE_SIZE_BYTES " + layout.targetFileBytes() + ", FILENAME_PATTERN 'part-{i}')");
        List<Path> files = parquetFiles(dataFolder);
        if (files.isEmpty()) {
            Files.createDirectories(dataFolder);
            Path only = dataFolder.resolve("part-0.parquet");
            session.execute("COPY (" + select + ") TO " + Sql.literal(only) + " (FORMAT parquet, COMPRESSION zstd)");
            files = List.of(only);
        }
        return describe(session, files);
    }

    private static WrittenVersion describe(DuckDbSession session, List<Path> files) throws SQLException, IOException {
        Map<String, Long> rowsByFile = new HashMap<>();
        try (Statement statement = session.connection().createStatement();
                ResultSet result = statement.executeQuery("SELECT file_name, num_rows FROM parquet_file_metadata("
                        + Sql.pathList(files) + ")")) {
            while (result.next()) {
                rowsByFile.put(Path.of(result.getString(1)).toAbsolutePath().normalize().toString(), result.getLong(2));
            }
        }
        List<DataFile> described = new ArrayList<>(files.size());
        long total = 0;
        for (Path file : files) {
            Long rows = rowsByFile.get(file.toAbsolutePath().normalize().toString());
            if (rows == null) {
                throw new DatasetException(Problem.STORAGE_FAILED, "no Parquet metadata for " + file.getFileName());
            }
            String relative = DATA_FOLDER + "/" + file.getFileName();
            described.add(new DataFile(relative, Files.size(file), FileDigests.sha256(file), rows));
            total += rows;
        }
        return new WrittenVersion(total, described);
    }

    /** The Parquet files of a data folder in the order DuckDB numbered them. */
    static List<Path> parquetFiles(Path dataFolder) throws IOException {
        if (!Files.isDirectory(dataFolder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dataFolder)) {
            return entries.filter(file -> file.getFileName().toString().matches("part-\\d+\\.parquet"))
                    .sorted(Comparator.comparingLong(DatasetVersionWriter::partNumber))
                    .toList();
        }
    }

    private static long partNumber(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring("part-".length(), name.length() - ".parquet".length()));
    }

    private void requireOpen() {
        if (finished || closed) {
            throw new IllegalStateException("this version writer is finished or closed");
        }
    }

    private static void requireEmptyDirectory(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        if (!Files.isDirectory(directory)) {
            throw new DatasetException(Problem.TARGET_NOT_EMPTY, "the version target is not a directory");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new DatasetException(Problem.TARGET_NOT_EMPTY, "the version directory is not empty");
            }
        } catch (IOException e) {
            throw new DatasetException(Problem.STORAGE_FAILED, "cannot list the version directory", e);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(root)) {
            entries.sorted(Comparator.reverseOrder()).forEach(DatasetVersionWriter::deleteQuietly);
        } catch (IOException ignored) {
            // Best effort: what cannot be listed cannot be deleted either.
        }
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temporary file is harmless; hiding the caller's real outcome is not.
        }
    }
}
