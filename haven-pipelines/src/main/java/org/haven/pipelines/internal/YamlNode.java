package org.haven.pipelines.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML value with the line it starts on, so definition errors can point at the line. Mappings are
 * {@code Map<String, YamlNode>} in document order, sequences {@code List<YamlNode>}, scalars String, Number, Boolean
 * or null.
 */
record YamlNode(Object value, int line) {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final int MAX_DEPTH = 32;

    /** Parses one YAML document; raises {@link IllegalArgumentException} with the line of a syntax error or duplicate key. */
    static YamlNode parse(String yaml) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("the document is empty");
            }
            return read(parser, 0);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException((line > 0 ? "line " + line + ": " : "") + "not valid YAML: "
                    + e.getOriginalMessage());
        }
    }

    private static YamlNode read(JsonParser parser, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("line " + line(parser) + ": nested deeper than " + MAX_DEPTH + " levels");
        }
        int line = line(parser);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    int keyLine = line(parser);
                    parser.nextToken();
                    if (entries.put(key, read(parser, depth + 1)) != null) {
                        throw new IllegalArgumentException("line " + keyLine + ": duplicate key '" + key + "'");
                    }
                }
                return new YamlNode(entries, line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, depth + 1));
                }
                return new YamlNode(items, line);
            }
            case VALUE_STRING -> {
                return new YamlNode(parser.getString(), line);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YamlNode(parser.getNumberValue(), line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode(token == JsonToken.VALUE_TRUE, line);
            }
            case VALUE_NULL -> {
                return new YamlNode(null, line);
            }
            default -> throw new IllegalArgumentException("line " + line + ": unsupported YAML content " + token);
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    boolean isMap() {
        return value instanceof Map;
    }

    boolean isList() {
        return value instanceof List;
    }

    @SuppressWarnings("unchecked")
    Map<String, YamlNode> map() {
        return (Map<String, YamlNode>) value;
    }

    @SuppressWarnings("unchecked")
    List<YamlNode> list() {
        return (List<YamlNode>) value;
    }

    /** The plain Java value: maps, lists and scalars without line numbers. */
    Object plain() {
        if (isMap()) {
            Map<String, Object> result = new LinkedHashMap<>();
            map().forEach((key, node) -> result.put(key, node.plain()));
            return result;
        }
        if (isList()) {
            List<Object> result = new ArrayList<>();
            list().forEach(node -> result.add(node.plain()));
            return result;
        }
        return value;
    }
}
