package org.haven.fhir.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON tree reader for Bundles, token responses and OperationOutcomes. Decimals stay {@code BigDecimal} with
 * their trailing zeros: FHIR gives {@code 5.10} a precision that {@code 5.1} does not have, and resources are handed
 * on as text re-written from this tree.
 */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    /** The tree, or null when the text is not JSON. */
    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A string member, or null when absent or not a string. */
    static String string(JsonNode node, String name) {
        JsonNode member = node == null ? null : node.get(name);
        return member != null && member.isString() ? member.stringValue() : null;
    }

    static String compact(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }
}
