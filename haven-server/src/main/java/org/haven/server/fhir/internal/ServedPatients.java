package org.haven.server.fhir.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haven.fhir.PatientRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of {@code fhir_patients}. Every statement names the tenant and source and binds every value as a parameter;
 * a search's SQL is put together from fixed conditions, one per filter given.
 */
@Component
class ServedPatients {

    private static final String SELECT = "SELECT " + ServedRow.selectList(PatientRecords.SCHEMA)
            + " FROM fhir_patients WHERE tenant_id = :tenant AND source_id = :source";

    /**
     * A search; null filters are not applied. Names match case-insensitively from their start, as FHIR's string
     * search does ({@code smi} finds Smith), through the {@code lower()} indexes; {@code firstName} matches the first
     * of the given names. The parameter rules admit no LIKE wildcards, so a name is only ever a prefix.
     */
    record Search(String familyName, String firstName, String postalCode, LocalDate birthDate) {}

    private final JdbcClient jdbc;

    ServedPatients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ServedRow> find(UUID tenantId, UUID sourceId, String patientId) {
        return jdbc.sql(SELECT + " AND patient_id = :id")
                .param("tenant", tenantId).param("source", sourceId).param("id", patientId)
                .query((rs, n) -> ServedRow.read(rs, PatientRecords.SCHEMA))
                .optional();
    }

    /** Up to {@code limit} patients in id order, after {@code afterId} when it is not null. */
    List<ServedRow> search(UUID tenantId, UUID sourceId, Search search, String afterId, int limit) {
        List<String> conditions = new ArrayList<>();
        if (search.familyName() != null) {
            conditions.add(" AND lower(family_name) LIKE lower(:family) || '%'");
        }
        if (search.firstName() != null) {
            conditions.add(" AND lower(given_names) LIKE lower(:first) || '%'");
        }
        if (search.postalCode() != null) {
            conditions.add(" AND postal_code = :postal");
        }
        if (search.birthDate() != null) {
            conditions.add(" AND birth_date = :birth");
        }
        if (afterId != null) {
            conditions.add(" AND patient_id > :after");
        }
        JdbcClient.StatementSpec statement = jdbc.sql(SELECT + String.join("", conditions)
                        + " ORDER BY patient_id LIMIT :limit")
                .param("tenant", tenantId).param("source", sourceId).param("limit", limit);
        bindPresent(statement, "family", search.familyName());
        bindPresent(statement, "first", search.firstName());
        bindPresent(statement, "postal", search.postalCode());
        bindPresent(statement, "birth", search.birthDate());
        bindPresent(statement, "after", afterId);
        return statement.query((rs, n) -> ServedRow.read(rs, PatientRecords.SCHEMA)).list();
    }

    static void bindPresent(JdbcClient.StatementSpec statement, String name, Object value) {
        if (value != null) {
            statement.param(name, value);
        }
    }
}
