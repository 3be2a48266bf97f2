package org.haven.pipelines.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON text for the small maps the engine stores (inputs, outputs, event details, canonical definitions). */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT_MAP = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};

    private Json() {}

    /** Keys sorted at every level, so equal values give equal text. */
    static String canonical(Object value) {
        try {
            return MAPPER.writeValueAsString(sorted(value));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> objectMap(String json) {
        return json == null ? Map.of() : MAPPER.readValue(json, OBJECT_MAP);
    }

    static Map<String, String> stringMap(String json) {
        return json == null ? Map.of() : MAPPER.readValue(json, STRING_MAP);
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new TreeMap<>();
            map.forEach((key, item) -> result.put(String.valueOf(key), sorted(item)));
            return result;
        }
        if (value instanceof Collection<?> items) {
            List<Object> result = new ArrayList<>();
            items.forEach(item -> result.add(sorted(item)));
            return result;
        }
        return value;
    }
}
