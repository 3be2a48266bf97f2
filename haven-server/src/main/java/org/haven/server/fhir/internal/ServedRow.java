package org.haven.server.fhir.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.haven.schema.Field;
import org.haven.schema.Schema;

/**
 * One row of a serving table: the record under the dataset's field names, typed as the dataset's schema types them
 * (the de-identifier reads it so), the hash of that record, and when the row last changed.
 */
record ServedRow(Map<String, Object> record, byte[] contentHash, OffsetDateTime updatedAt) {

    /** The select list of a serving table whose columns are the schema's fields. */
    static String selectList(Schema schema) {
        return schema.fields().stream().map(Field::name).collect(Collectors.joining(", "))
                + ", content_hash, updated_at";
    }

    static ServedRow read(ResultSet rs, Schema schema) throws SQLException {
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
            record.put(column, value);
        }
        return new ServedRow(record, rs.getBytes("content_hash"), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
