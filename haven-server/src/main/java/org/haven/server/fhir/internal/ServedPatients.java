package org.haven.server.fhir.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of {@code fhir_patients}; every value a bound parameter, every statement scoped to one tenant. */
@Component
class ServedPatients {

    /** The record's columns, as the dataset's schema names them (the de-identifier reads them by these names). */
    static final List<String> COLUMNS = List.of("patient_id", "identifier_system", "identifier_value", "family_name",
            "given_names", "birth_date", "gender", "address_lines", "city", "postal_code", "phone", "email",
            "version_id", "last_updated");

    /** A served patient: its record, the hash of that record, and when the row last changed. */
    record ServedPatient(Map<String, Object> record, byte[] contentHash, OffsetDateTime updatedAt) {}

    private final JdbcClient jdbc;

    ServedPatients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ServedPatient> find(UUID tenantId, UUID sourceId, String patientId) {
        return jdbc.sql("SELECT " + String.join(", ", COLUMNS) + ", content_hash, updated_at FROM fhir_patients"
                        + " WHERE tenant_id = :tenant AND source_id = :source AND patient_id = :id")
                .param("tenant", tenantId).param("source", sourceId).param("id", patientId)
                .query((rs, n) -> new ServedPatient(record(rs), rs.getBytes("content_hash"),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
    }

    /** Typed as the dataset's schema types them: dates as LocalDate, date-times as OffsetDateTime. */
    private static Map<String, Object> record(ResultSet rs) throws SQLException {
        Map<String, Object> record = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            Object value = switch (column) {
                case "birth_date" -> rs.getObject(column, LocalDate.class);
                case "last_updated" -> rs.getObject(column, OffsetDateTime.class);
                default -> rs.getString(column);
            };
            record.put(column, value);
        }
        return record;
    }
}
