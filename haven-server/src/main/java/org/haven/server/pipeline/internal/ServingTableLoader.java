package org.haven.server.pipeline.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.haven.datasets.VersionRecords;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.stereotype.Component;

/**
 * Loads one crawl's records into a {@link ServingTable} in one transaction: COPY into a temporary staging table, then
 * one MERGE that inserts new resources and rewrites only those whose content hash changed. Nothing is deleted, and
 * loading the same records again changes nothing. Loads of the same table, tenant and source take turns (an
 * advisory lock), which keeps the counts exact and spares MERGE a race on the same new key.
 */
@Component
class ServingTableLoader {

    /** What a load did to the table. */
    record LoadCounts(long inserted, long updated, long unchanged) {}

    /** The rows of one load, written to {@code COPY} in {@link CopyCsv}'s format, numbered in staging order. */
    @FunctionalInterface
    interface CopyRows {
        void writeTo(OutputStream copy) throws IOException;

        /** Rows a {@link FhirRecordStager} made, as they were staged. */
        static CopyRows staged(InputStream rows) {
            return rows::transferTo;
        }

        /** Rows made here from a version's records. */
        static CopyRows of(ServingTable table, VersionRecords records) {
            return copy -> {
                Writer rows = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
                long row = 0;
                for (Optional<Map<String, Object>> next = records.next(); next.isPresent(); next = records.next()) {
                    rows.write(CopyCsv.line(table.columns(), next.get(), ContentHash.of(table.columns(), next.get()),
                            ++row));
                }
                rows.flush();
            };
        }
    }

    private final DataSource dataSource;

    ServingTableLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    LoadCounts load(ServingTable table, UUID tenant, UUID source, CopyRows records) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                LoadCounts counts = load(connection, table, tenant, source, records);
                connection.commit();
                return counts;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static LoadCounts load(Connection connection, ServingTable table, UUID tenant, UUID source,
            CopyRows records) throws SQLException, IOException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, table.table() + ":" + tenant + ":" + source);
            lock.execute();
        }
        String columns = String.join(", ", table.columns());
        try (Statement statement = connection.createStatement()) {
            // The staging table takes the serving table's column types; it lives until the transaction ends.
            statement.execute("CREATE TEMPORARY TABLE " + table.stagingTable() + " ON COMMIT DROP AS SELECT " + columns
                    + ", content_hash, 0::bigint AS staged_row FROM " + table.table() + " WITH NO DATA");
        }
        copy(connection, table, records);
        try (Statement statement = connection.createStatement()) {
            // A crawl that returned a resource twice keeps its last copy: MERGE may touch a target row only once.
            // Crawls pass each id on once, so the self-join that removes the earlier copies runs only when needed.
            if (hasDuplicateIds(statement, table)) {
                statement.execute("DELETE FROM " + table.stagingTable() + " AS earlier USING " + table.stagingTable()
                        + " AS later WHERE later." + table.idColumn() + " = earlier." + table.idColumn()
                        + " AND later.staged_row > earlier.staged_row");
            }
            statement.execute("ANALYZE " + table.stagingTable());
        }
        LoadCounts counts = count(connection, table, tenant, source);
        try (PreparedStatement merge = connection.prepareStatement(mergeSql(table))) {
            merge.setObject(1, tenant);
            merge.setObject(2, source);
            merge.setObject(3, tenant);
            merge.setObject(4, source);
            merge.executeUpdate();
        }
        return counts;
    }

    private static void copy(Connection connection, ServingTable table, CopyRows rows)
            throws SQLException, IOException {
        String sql = "COPY " + table.stagingTable() + " (" + String.join(", ", table.columns())
                + ", content_hash, staged_row) FROM STDIN (FORMAT csv)";
        PGConnection postgres = connection.unwrap(PGConnection.class);
        try (OutputStream copy = new PGCopyOutputStream(postgres, sql, 1 << 16)) {
            rows.writeTo(copy);
        }
    }

    private static boolean hasDuplicateIds(Statement statement, ServingTable table) throws SQLException {
        try (ResultSet counts = statement.executeQuery("SELECT count(*) > count(DISTINCT " + table.idColumn()
                + ") FROM " + table.stagingTable())) {
            counts.next();
            return counts.getBoolean(1);
        }
    }

    /** Counted before the MERGE, under the lock, from the same comparison the MERGE makes. */
    private static LoadCounts count(Connection connection, ServingTable table, UUID tenant, UUID source)
            throws SQLException {
        String sql = "SELECT count(*) FILTER (WHERE target." + table.idColumn() + " IS NULL),"
                + " count(*) FILTER (WHERE target.content_hash <> staged.content_hash),"
                + " count(*) FILTER (WHERE target.content_hash = staged.content_hash)"
                + " FROM " + table.stagingTable() + " AS staged LEFT JOIN " + table.table() + " AS target"
                + " ON target.tenant_id = ? AND target.source_id = ? AND target." + table.idColumn() + " = staged."
                + table.idColumn();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, tenant);
            query.setObject(2, source);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return new LoadCounts(result.getLong(1), result.getLong(2), result.getLong(3));
            }
        }
    }

    /**
     * Insert what is new, rewrite what changed (moving updated_at), leave the rest untouched: an unchanged row is
     * not even rewritten, so a repeated load writes nothing. first_seen_at keeps the first load's time.
     */
    static String mergeSql(ServingTable table) {
        String updates = table.columns().stream().skip(1).map(column -> column + " = staged." + column)
                .collect(Collectors.joining(", "));
        String values = table.columns().stream().map(column -> "staged." + column).collect(Collectors.joining(", "));
        return "MERGE INTO " + table.table() + " AS target USING " + table.stagingTable() + " AS staged"
                + " ON target.tenant_id = ? AND target.source_id = ? AND target." + table.idColumn() + " = staged."
                + table.idColumn()
                + " WHEN MATCHED AND target.content_hash <> staged.content_hash THEN UPDATE SET " + updates
                + ", content_hash = staged.content_hash, updated_at = now()"
                + " WHEN NOT MATCHED THEN INSERT (tenant_id, source_id, " + String.join(", ", table.columns())
                + ", content_hash) VALUES (?, ?, " + values + ", staged.content_hash)";
    }
}
