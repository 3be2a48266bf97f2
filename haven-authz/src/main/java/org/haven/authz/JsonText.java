package org.haven.authz;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Caveat contexts are small JSON objects; JSON is YAML, so the YAML parser the validation files need reads them
 * too, and writing them back needs only a few lines.
 */
public final class JsonText {

    private JsonText() {}

    /** Reads a JSON object; integers become {@link Long}, so values compare the same however they were written. */
    public static Map<String, Object> readObject(String json) {
        Object value;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(0);
            options.setAllowRecursiveKeys(false);
            options.setCodePointLimit(1 << 20);
            value = new Yaml(new SafeConstructor(options)).load(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object: " + firstLine(e.getMessage()));
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> normalised = (Map<String, Object>) normalise(map);
        return normalised;
    }

    static Object normalise(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? b.longValue() : b.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings");
                }
                result.put(key, normalise(entry.getValue()));
            }
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            for (Object item : list) {
                result.add(normalise(item));
            }
            return result;
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        throw new IllegalArgumentException("unsupported JSON value " + value.getClass().getSimpleName());
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
