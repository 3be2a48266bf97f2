package org.haven.server.catalog.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haven.schema.Schema;
import org.haven.schema.SchemaChange;
import org.haven.schema.SchemaJson;
import org.haven.server.catalog.Dataset;
import org.haven.server.catalog.DatasetSchema;
import org.haven.server.catalog.SchemaVersion;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Datasets and schema versions in PostgreSQL. Every statement names the tenant or reaches it through the dataset. */
@Repository
class JdbcCatalogRepository {

    private static final String DATASET_COLUMNS = """
            d.id, d.tenant_id, d.name, d.description, d.tags, d.created_by, d.created_at, d.updated_at,
            (SELECT max(v.version) FROM dataset_schema_versions v
             WHERE v.tenant_id = d.tenant_id AND v.dataset_id = d.id) AS latest_schema_version""";

    private static final RowMapper<Dataset> DATASET = (rs, row) -> new Dataset(
            rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("name"),
            rs.getString("description"), strings(rs.getArray("tags")), rs.getInt("latest_schema_version"),
            rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"));

    private static final RowMapper<SchemaVersion> VERSION = (rs, row) -> new SchemaVersion(
            rs.getObject("dataset_id", UUID.class), rs.getInt("version"), rs.getBoolean("breaking"),
            SchemaChanges.fromJson(rs.getString("changes")), rs.getString("created_by"), instant(rs, "created_at"));

    private final JdbcClient jdbc;

    JdbcCatalogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the row; a name the tenant already uses raises {@code DuplicateKeyException}. */
    void insertDataset(UUID tenantId, UUID id, String name, String description, List<String> tags, String createdBy) {
        jdbc.sql("""
                        INSERT INTO datasets (tenant_id, id, name, description, tags, created_by)
                        VALUES (:tenant, :id, :name, :description, :tags, :createdBy)""")
                .param("tenant", tenantId).param("id", id).param("name", name).param("description", description)
                .param("tags", tags.toArray(String[]::new)).param("createdBy", createdBy)
                .update();
    }

    Optional<Dataset> dataset(UUID id) {
        return jdbc.sql("SELECT " + DATASET_COLUMNS + " FROM datasets d WHERE d.id = :id")
                .param("id", id).query(DATASET).optional();
    }

    Optional<Dataset> datasetNamed(UUID tenantId, String name) {
        return jdbc.sql("SELECT " + DATASET_COLUMNS + " FROM datasets d WHERE d.tenant_id = :tenant AND d.name = :name")
                .param("tenant", tenantId).param("name", name).query(DATASET).optional();
    }

    /**
     * Locks the dataset's row until the transaction ends, so that two new schema versions of one dataset are
     * numbered one after the other rather than both as n+1. Returns the owning tenant.
     */
    Optional<UUID> lockDataset(UUID id) {
        return jdbc.sql("SELECT tenant_id FROM datasets WHERE id = :id FOR UPDATE")
                .param("id", id).query(UUID.class).optional();
    }

    /** The tenant's datasets among {@code visibleIds}, by name after {@code afterName}, at most {@code limit}. */
    List<Dataset> datasets(UUID tenantId, UUID[] visibleIds, List<String> tags, String namePrefix, String afterName,
            int limit) {
        return jdbc.sql("SELECT " + DATASET_COLUMNS + """
                         FROM datasets d
                        WHERE d.tenant_id = :tenant AND d.id = ANY(:ids)
                          AND d.tags @> CAST(:tags AS text[])
                          AND (CAST(:prefix AS text) IS NULL OR starts_with(d.name, :prefix))
                          AND (CAST(:after AS text) IS NULL OR d.name COLLATE "C" > :after)
                        ORDER BY d.name COLLATE "C" LIMIT :limit""")
                .param("tenant", tenantId).param("ids", visibleIds).param("tags", tags.toArray(String[]::new))
                .param("prefix", namePrefix).param("after", afterName).param("limit", limit)
                .query(DATASET).list();
    }

    void updateDataset(UUID id, String description, List<String> tags) {
        jdbc.sql("""
                        UPDATE datasets SET description = coalesce(CAST(:description AS text), description),
                               tags = coalesce(CAST(:tags AS text[]), tags), updated_at = now()
                        WHERE id = :id""")
                .param("id", id).param("description", description)
                .param("tags", tags == null ? null : tags.toArray(String[]::new), java.sql.Types.ARRAY)
                .update();
    }

    SchemaVersion insertVersion(UUID tenantId, UUID datasetId, int version, Schema schema, boolean breaking,
            List<SchemaChange> changes, String createdBy) {
        return jdbc.sql("""
                        INSERT INTO dataset_schema_versions
                            (tenant_id, dataset_id, version, schema, breaking, changes, created_by)
                        VALUES (:tenant, :dataset, :version, CAST(:schema AS jsonb), :breaking, CAST(:changes AS jsonb),
                                :createdBy)
                        RETURNING dataset_id, version, breaking, changes, created_by, created_at""")
                .param("tenant", tenantId).param("dataset", datasetId).param("version", version)
                .param("schema", SchemaJson.write(schema)).param("breaking", breaking)
                .param("changes", SchemaChanges.toJson(changes)).param("createdBy", createdBy)
                .query(VERSION).single();
    }

    List<SchemaVersion> versions(UUID datasetId) {
        return jdbc.sql("""
                        SELECT dataset_id, version, breaking, changes, created_by, created_at
                        FROM dataset_schema_versions WHERE dataset_id = :dataset ORDER BY version""")
                .param("dataset", datasetId).query(VERSION).list();
    }

    Optional<SchemaVersion> version(UUID datasetId, int version) {
        return jdbc.sql("""
                        SELECT dataset_id, version, breaking, changes, created_by, created_at
                        FROM dataset_schema_versions WHERE dataset_id = :dataset AND version = :version""")
                .param("dataset", datasetId).param("version", version).query(VERSION).optional();
    }

    Optional<DatasetSchema> schema(UUID datasetId, int version) {
        return jdbc.sql("""
                        SELECT dataset_id, version, schema FROM dataset_schema_versions
                        WHERE dataset_id = :dataset AND version = :version""")
                .param("dataset", datasetId).param("version", version)
                .query((rs, row) -> new DatasetSchema(rs.getObject("dataset_id", UUID.class), rs.getInt("version"),
                        SchemaJson.parse(rs.getString("schema"))))
                .optional();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
