package org.haven.bench.http.bare;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.haven.fhir.ObservationRecords;
import org.haven.fhir.PatientRecords;
import org.haven.schema.Field;
import org.haven.schema.Schema;
import org.haven.server.web.PublicEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The FHIR read API without the stack: the same statements on {@code fhir_patients} and {@code fhir_observations} as
 * the server's read path (the dataset's columns, {@code content_hash} and {@code updated_at}, by the same key and
 * index, observations in the same order with one row more than the default page) and the same JSON shape as an
 * identifiable answer. Left out: rate limiting, authentication, the dataset lookup and permission check, the read
 * grant, de-identification, the ETag and audit. The tenant is a parameter, since finding it is part of the
 * authorisation step left out.
 */
@RestController
@RequestMapping(BareEndpointConfiguration.PATH)
class BareFhirReadController {

    /** The read API's default page size; the listing reads one more row to know whether another page follows. */
    private static final int PAGE_SIZE = 50;

    private static final String PATIENT = "SELECT " + selectList(PatientRecords.SCHEMA)
            + " FROM fhir_patients WHERE tenant_id = :tenant AND source_id = :source AND patient_id = :id";
    private static final String OBSERVATIONS = "SELECT " + selectList(ObservationRecords.SCHEMA)
            + " FROM fhir_observations WHERE tenant_id = :tenant AND source_id = :source AND patient_id = :patient"
            + " ORDER BY effective_at, observation_id LIMIT :limit";

    private final JdbcClient jdbc;

    BareFhirReadController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/patients/{id}")
    @PublicEndpoint("the FHIR read benchmark's baseline; exists only in the benchmark's server extension")
    Map<String, Object> patient(@PathVariable String id, @RequestParam UUID tenant, @RequestParam UUID source) {
        Map<String, Object> item = jdbc.sql(PATIENT).param("tenant", tenant).param("source", source).param("id", id)
                .query((rs, n) -> item(rs, PatientRecords.SCHEMA))
                .optional()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, Object> body = answer(source);
        body.putAll(item);
        return body;
    }

    @GetMapping("/observations")
    @PublicEndpoint("the FHIR read benchmark's baseline; exists only in the benchmark's server extension")
    Map<String, Object> observations(@RequestParam UUID tenant, @RequestParam UUID source,
            @RequestParam(name = "patient_id") String patientId) {
        List<Map<String, Object>> rows = jdbc.sql(OBSERVATIONS).param("tenant", tenant).param("source", source)
                .param("patient", patientId).param("limit", PAGE_SIZE + 1)
                .query((rs, n) -> item(rs, ObservationRecords.SCHEMA))
                .list();
        if (rows.size() > PAGE_SIZE) {
            throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "the baseline does not page");
        }
        Map<String, Object> body = answer(source);
        body.put("items", rows);
        body.put("next_cursor", null);
        return body;
    }

    private static Map<String, Object> answer(UUID source) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source_id", source.toString());
        body.put("result_type", "IDENTIFIABLE");
        return body;
    }

    private static String selectList(Schema schema) {
        return schema.fields().stream().map(Field::name).collect(Collectors.joining(", "))
                + ", content_hash, updated_at";
    }

    /** A row typed as the dataset's schema types it, then written as text, as the read path does. */
    private static Map<String, Object> item(ResultSet rs, Schema schema) throws SQLException {
        Map<String, Object> record = new LinkedHashMap<>();
        for (Field field : schema.fields()) {
            String column = field.name();
            Object value = switch (field.dataType()) {
                case DATE -> rs.getObject(column, LocalDate.class);
                case DATETIME -> {
                    OffsetDateTime instant = rs.getObject(column, OffsetDateTime.class);
                    yield instant == null ? null : instant.withOffsetSameInstant(ZoneOffset.UTC);
                }
                case DECIMAL -> rs.getBigDecimal(column);
                default -> rs.getString(column);
            };
            record.put(column, text(value));
        }
        rs.getBytes("content_hash"); // read as the server reads it for its ETag, then unused
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("updated_at", text(rs.getObject("updated_at", OffsetDateTime.class)));
        item.put("record", record);
        return item;
    }

    private static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        return value instanceof OffsetDateTime time
                ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time) : value.toString();
    }
}
