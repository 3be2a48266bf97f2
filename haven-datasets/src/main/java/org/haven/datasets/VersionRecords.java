package org.haven.datasets;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.haven.datasets.DatasetException.Problem;
import org.haven.datasets.internal.Sql;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.Schema;

/**
 * Reads a version's records back as typed values keyed by field name, the same Java types a
 * {@link org.haven.schema.RecordValidator} gives ({@code String}, {@code Long}, {@code BigDecimal}, {@code Boolean},
 * {@code LocalDate}, {@code OffsetDateTime} in UTC), so a version can be transformed record by record (de-identified,
 * say) and written again with a {@link DatasetVersionWriter}. Rows stream from one DuckDB query in file order; the
 * JVM holds one row at a time.
 *
 * <p>Not thread-safe; close it to release the query.
 */
public final class VersionRecords implements AutoCloseable {

    private final List<Field> fields;
    private final Statement statement;
    private final ResultSet rows;
    private long read;

    private VersionRecords(List<Field> fields, Statement statement, ResultSet rows) {
        this.fields = fields;
        this.statement = statement;
        this.rows = rows;
    }

    /** @throws DatasetException STORAGE_FAILED when the files cannot be read */
    public static VersionRecords open(DuckDbSession session, Path versionDirectory, DatasetManifest manifest) {
        return open(session, manifest.schema(), manifest.dataFiles(versionDirectory));
    }

    /**
     * Records of Parquet files a {@link DatasetVersionWriter} wrote for {@code schema}, before they have a manifest
     * (files a pipeline step staged, say), read in the order given.
     *
     * @throws DatasetException STORAGE_FAILED when the files cannot be read or lack a column of the schema
     */
    public static VersionRecords open(DuckDbSession session, Schema schema, List<Path> files) {
        List<Field> fields = schema.fields();
        StringJoiner projection = new StringJoiner(", ");
        fields.forEach(field -> projection.add(Sql.identifier(field.name())));
        String sql = "SELECT " + projection + " FROM read_parquet(" + Sql.pathList(files) + ")";
        Statement statement = null;
        try {
            statement = session.connection().createStatement();
            return new VersionRecords(fields, statement, statement.executeQuery(sql));
        } catch (SQLException e) {
            closeQuietly(statement);
            throw new DatasetException(Problem.STORAGE_FAILED, "cannot read the version's Parquet files", e);
        }
    }

    /** The next record, or empty after the last. A null value is absent from the map. */
    public Optional<Map<String, Object>> next() {
        try {
            if (!rows.next()) {
                return Optional.empty();
            }
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                Object value = value(fields.get(i), i + 1);
                if (value != null) {
                    record.put(fields.get(i).name(), value);
                }
            }
            read++;
            return Optional.of(record);
        } catch (SQLException e) {
            throw new DatasetException(Problem.STORAGE_FAILED, "cannot read record " + (read + 1) + " of the version", e);
        }
    }

    /** Records returned so far. */
    public long recordsRead() {
        return read;
    }

    private Object value(Field field, int column) throws SQLException {
        return typedValue(rows, column, field.dataType());
    }

    /**
     * The value of a column of the current row as the Java type of a data type, the types a
     * {@link org.haven.schema.RecordValidator} gives (date-times in UTC); null for SQL NULL. For other modules' queries
     * over a version's Parquet, so that their values are typed the same way.
     */
    public static Object typedValue(ResultSet rows, int column, DataType type) throws SQLException {
        Object value = switch (type) {
            case STRING, NHS_NUMBER, POSTCODE, CODE, EMAIL -> rows.getString(column);
            case INTEGER -> rows.getLong(column);
            case DECIMAL -> rows.getBigDecimal(column);
            case BOOLEAN -> rows.getBoolean(column);
            case DATE -> rows.getObject(column, LocalDate.class);
            case DATETIME -> {
                OffsetDateTime instant = rows.getObject(column, OffsetDateTime.class);
                yield instant == null ? null : instant.withOffsetSameInstant(ZoneOffset.UTC);
            }
        };
        return rows.wasNull() ? null : value;
    }

    @Override
    public void close() {
        try {
            rows.close();
        } catch (SQLException e) {
            // the statement's close below releases it too
        }
        closeQuietly(statement);
    }

    private static void closeQuietly(Statement statement) {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }
}
