package org.haven.datasets.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.haven.datasets.DatasetException;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.formats.Columns;
import org.haven.formats.Format;
import org.haven.formats.FormatException;
import org.haven.formats.FormatException.Problem;
import org.haven.formats.FormatOptions;
import org.haven.formats.Record;
import org.haven.formats.RecordReader;

/**
 * Records of a spooled Parquet file, one at a time from a streaming DuckDB result, with every value rendered as
 * text ({@link TextRendering}). Parquet has no lines: {@link #line()} is the record number. DuckDB's error messages
 * can quote data, so they are never passed on; a failure is {@link Problem#MALFORMED_PARQUET} at a record number.
 */
final class ParquetRecordReader implements RecordReader {

    private final Path file;
    private final DuckDbSession session;
    private final Statement statement;
    private final ResultSet rows;
    private final Columns columns;
    private final FormatOptions options;
    private long recordNumber;
    private FormatException failure;
    private boolean closed;

    private ParquetRecordReader(Path file, DuckDbSession session, Statement statement, ResultSet rows,
            Columns columns, FormatOptions options) {
        this.file = file;
        this.session = session;
        this.statement = statement;
        this.rows = rows;
        this.columns = columns;
        this.options = options;
    }

    static ParquetRecordReader open(Path file, DuckDbSettings settings, FormatOptions options) throws IOException {
        DuckDbSession session;
        try {
            session = DuckDbSession.inMemory(settings);
        } catch (DatasetException e) {
            throw new IOException("cannot start DuckDB to read Parquet", e);
        }
        Statement statement = null;
        try {
            String source = "read_parquet(" + Sql.literal(file) + ")";
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            statement = session.connection().createStatement();
            try (ResultSet description = statement.executeQuery("DESCRIBE SELECT * FROM " + source)) {
                while (description.next()) {
                    names.add(description.getString("column_name"));
                    types.add(description.getString("column_type"));
                }
            } catch (SQLException e) {
                throw new FormatException(Problem.MALFORMED_PARQUET, "the footer cannot be read", 0);
            }
            Columns columns = columns(names, options);
            StringJoiner projection = new StringJoiner(", ");
            for (int i = 0; i < names.size(); i++) {
                projection.add(TextRendering.asText(names.get(i), types.get(i)));
            }
            ResultSet rows;
            try {
                rows = statement.executeQuery("SELECT " + projection + " FROM " + source);
            } catch (SQLException e) {
                throw new FormatException(Problem.MALFORMED_PARQUET, "the data cannot be read", 0);
            }
            return new ParquetRecordReader(file, session, statement, rows, columns, options);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(statement, e);
            closeQuietly(session, e);
            throw e;
        } catch (SQLException e) {
            closeQuietly(statement, e);
            closeQuietly(session, e);
            throw new FormatException(Problem.MALFORMED_PARQUET, "the file cannot be opened", 0);
        }
    }

    private static Columns columns(List<String> names, FormatOptions options) throws FormatException {
        if (names.size() > options.maxColumns()) {
            throw new FormatException(Problem.TOO_MANY_COLUMNS, names.size() + " columns, the limit is "
                    + options.maxColumns(), 0);
        }
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new FormatException(Problem.EMPTY_HEADER, "", 0);
            }
        }
        try {
            return Columns.of(names);
        } catch (IllegalArgumentException e) {
            throw new FormatException(Problem.DUPLICATE_COLUMN, "", 0);
        }
    }

    @Override
    public Format format() {
        return Format.PARQUET;
    }

    @Override
    public Columns columns() {
        return columns;
    }

    @Override
    public Optional<Record> next() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IOException("the reader is closed");
        }
        long number = recordNumber + 1;
        try {
            if (!rows.next()) {
                return Optional.empty();
            }
            if (number > options.maxRecords()) {
                throw fail(new FormatException(Problem.TOO_MANY_RECORDS, "the limit is " + options.maxRecords(),
                        number, number));
            }
            List<String> values = new ArrayList<>(columns.size());
            long recordBytes = 0;
            for (int i = 1; i <= columns.size(); i++) {
                String value = rows.getString(i);
                if (value != null) {
                    long bytes = Utf8.length(value);
                    if (bytes > options.maxFieldBytes()) {
                        throw fail(new FormatException(Problem.FIELD_TOO_LARGE, "column " + i + " has " + bytes
                                + " bytes, the limit is " + options.maxFieldBytes(), number, number));
                    }
                    recordBytes += bytes;
                }
                values.add(value);
            }
            if (recordBytes > options.maxRecordBytes()) {
                throw fail(new FormatException(Problem.RECORD_TOO_LARGE, recordBytes + " bytes, the limit is "
                        + options.maxRecordBytes(), number, number));
            }
            recordNumber = number;
            return Optional.of(new Record(columns, values, number, number));
        } catch (SQLException e) {
            throw fail(new FormatException(Problem.MALFORMED_PARQUET, "the data cannot be read", number, number));
        }
    }

    private FormatException fail(FormatException e) {
        failure = e;
        return e;
    }

    @Override
    public long recordNumber() {
        return recordNumber;
    }

    @Override
    public long line() {
        return recordNumber;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failed = new IOException("cannot close the Parquet reader");
        closeQuietly(rows, failed);
        closeQuietly(statement, failed);
        closeQuietly(session, failed);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failed.addSuppressed(e);
        }
        if (failed.getSuppressed().length > 0) {
            throw failed;
        }
    }

    private static void closeQuietly(AutoCloseable closeable, Throwable failure) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
