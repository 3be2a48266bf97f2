package org.haven.server.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.haven.schema.SchemaChange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Schema changes as stored with a version and as listed in a problem document, with the members of the API. */
final class SchemaChanges {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SchemaChanges() {}

    static List<Map<String, Object>> toMaps(List<SchemaChange> changes) {
        return changes.stream().map(SchemaChanges::toMap).toList();
    }

    static String toJson(List<SchemaChange> changes) {
        return JSON.writeValueAsString(toMaps(changes));
    }

    static List<SchemaChange> fromJson(String json) {
        JsonNode array = JSON.readTree(json);
        return array.valueStream().map(change -> new SchemaChange(
                change.path("field_name").asString(),
                SchemaChange.Kind.valueOf(change.path("kind").asString()),
                SchemaChange.Impact.valueOf(change.path("impact").asString()),
                change.path("detail").asString())).toList();
    }

    /** The members Jackson gives a {@link SchemaChange} in responses, so that a change reads the same everywhere. */
    private static Map<String, Object> toMap(SchemaChange change) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("field_name", change.fieldName());
        map.put("kind", change.kind().name());
        map.put("impact", change.impact().name());
        map.put("detail", change.detail());
        map.put("breaking", change.isBreaking());
        return map;
    }
}
