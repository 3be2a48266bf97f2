package org.haven.server.fhir.internal;

import static org.haven.server.fhir.internal.ServedPatients.bindPresent;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.haven.fhir.ObservationRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of {@code fhir_observations}, in effective time order (observations without one last), then by id in byte
 * order (the same whatever the database's collation, so cursors mean the same everywhere). Every
 * statement names the tenant and source and binds every value; the SQL is put together from fixed conditions, one per
 * filter given, so the planner sees which index fits (a patient's, or a code's).
 */
@Component
class ServedObservations {

    private static final String SELECT = "SELECT " + ServedRow.selectList(ObservationRecords.SCHEMA)
            + " FROM fhir_observations WHERE tenant_id = :tenant AND source_id = :source";

    /**
     * A listing; null filters are not applied. {@code from} is inclusive, {@code toExclusive} exclusive; either
     * leaves out observations without an effective time.
     */
    record Filter(String patientId, String codeSystem, String code, OffsetDateTime from, OffsetDateTime toExclusive) {}

    /** Where the previous page ended: its last row's effective time (null when it had none) and id. */
    record After(OffsetDateTime effectiveAt, String observationId) {}

    private final JdbcClient jdbc;

    ServedObservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ServedRow> list(UUID tenantId, UUID sourceId, Filter filter, After after, int limit) {
        List<String> conditions = new ArrayList<>();
        if (filter.patientId() != null) {
            conditions.add(" AND patient_id = :patient");
        }
        if (filter.code() != null) {
            conditions.add(" AND code = :code");
        }
        if (filter.codeSystem() != null) {
            conditions.add(" AND code_system = :system");
        }
        if (filter.from() != null) {
            conditions.add(" AND effective_at >= :from");
        }
        if (filter.toExclusive() != null) {
            conditions.add(" AND effective_at < :to");
        }
        if (after != null) {
            // Ascending order puts NULL times last: after a timed row come later times, the same time with a later
            // id, then every untimed row; after an untimed row, only untimed rows with a later id.
            conditions.add(after.effectiveAt() == null
                    ? " AND effective_at IS NULL AND observation_id COLLATE \"C\" > :afterId"
                    : " AND (effective_at > :afterAt OR (effective_at = :afterAt"
                            + " AND observation_id COLLATE \"C\" > :afterId) OR effective_at IS NULL)");
        }
        JdbcClient.StatementSpec statement = jdbc.sql(SELECT + String.join("", conditions)
                        + " ORDER BY effective_at, observation_id COLLATE \"C\" LIMIT :limit")
                .param("tenant", tenantId).param("source", sourceId).param("limit", limit);
        bindPresent(statement, "patient", filter.patientId());
        bindPresent(statement, "code", filter.code());
        bindPresent(statement, "system", filter.codeSystem());
        bindPresent(statement, "from", filter.from());
        bindPresent(statement, "to", filter.toExclusive());
        if (after != null) {
            bindPresent(statement, "afterAt", after.effectiveAt());
            statement.param("afterId", after.observationId());
        }
        return statement.query((rs, n) -> ServedRow.read(rs, ObservationRecords.SCHEMA)).list();
    }

    /** The effective time the table orders by: the date-time, else the date from its UTC midnight. */
    static OffsetDateTime effectiveAt(ServedRow row) {
        Object at = row.record().get("effective_date_time");
        if (at instanceof OffsetDateTime time) {
            return time;
        }
        Object day = row.record().get("effective_date");
        return day instanceof java.time.LocalDate date ? date.atStartOfDay().atOffset(java.time.ZoneOffset.UTC) : null;
    }
}
