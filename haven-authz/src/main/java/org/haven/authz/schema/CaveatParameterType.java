package org.haven.authz.schema;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caveat parameter type of SpiceDB's caveat language and how a JSON context value becomes the CEL value of that
 * type. Supported: int, uint, double, bool, string, timestamp, duration, any, list&lt;T&gt;, map&lt;T&gt;.
 */
public record CaveatParameterType(String name, CaveatParameterType element) {

    private static final List<String> SCALARS = List.of("int", "uint", "double", "bool", "string", "timestamp", "duration", "any");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|ns)");

    /** Parses e.g. {@code int} or {@code list<string>}; null when the text names no supported type. */
    public static CaveatParameterType parse(String text) {
        String trimmed = text.strip();
        if (SCALARS.contains(trimmed)) {
            return new CaveatParameterType(trimmed, null);
        }
        for (String generic : List.of("list", "map")) {
            if (trimmed.startsWith(generic + "<") && trimmed.endsWith(">")) {
                CaveatParameterType element = parse(trimmed.substring(generic.length() + 1, trimmed.length() - 1));
                return element == null ? null : new CaveatParameterType(generic, element);
            }
        }
        return null;
    }

    CelType celType() {
        return switch (name) {
            case "int" -> SimpleType.INT;
            case "uint" -> SimpleType.UINT;
            case "double" -> SimpleType.DOUBLE;
            case "bool" -> SimpleType.BOOL;
            case "string" -> SimpleType.STRING;
            case "timestamp" -> SimpleType.TIMESTAMP;
            case "duration" -> SimpleType.DURATION;
            case "list" -> ListType.create(element.celType());
            case "map" -> MapType.create(SimpleType.STRING, element.celType());
            default -> SimpleType.DYN;
        };
    }

    /** Converts a JSON value (as read from a context) into this type's CEL value. */
    Object toCelValue(Object value) {
        switch (name) {
            case "int":
                if (value instanceof Long || value instanceof Integer) {
                    return ((Number) value).longValue();
                }
                if (value instanceof Double d && d == Math.rint(d)) {
                    return d.longValue();
                }
                break;
            case "uint":
                if (value instanceof Number n && n.longValue() >= 0) {
                    return UnsignedLong.valueOf(n.longValue());
                }
                break;
            case "double":
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                break;
            case "bool":
                if (value instanceof Boolean) {
                    return value;
                }
                break;
            case "string":
                if (value instanceof String) {
                    return value;
                }
                break;
            case "timestamp":
                if (value instanceof String s) {
                    try {
                        Instant instant = Instant.parse(s);
                        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
                    } catch (DateTimeParseException e) {
                        break;
                    }
                }
                break;
            case "duration":
                if (value instanceof String s) {
                    Duration duration = parseDuration(s);
                    if (duration != null) {
                        return duration;
                    }
                }
                break;
            case "list":
                if (value instanceof List<?> list) {
                    List<Object> converted = new ArrayList<>();
                    for (Object item : list) {
                        converted.add(element.toCelValue(item));
                    }
                    return converted;
                }
                break;
            case "map":
                if (value instanceof Map<?, ?> map) {
                    Map<Object, Object> converted = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        converted.put(String.valueOf(entry.getKey()), element.toCelValue(entry.getValue()));
                    }
                    return converted;
                }
                break;
            default:
                return anyValue(value);
        }
        throw new IllegalArgumentException("expected a value of type " + this + " but got " + value);
    }

    private static Object anyValue(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }

    /** Go-style durations as SpiceDB accepts them: {@code 1h30m}, {@code 90s}, {@code 250ms}. */
    private static Duration parseDuration(String text) {
        Matcher matcher = DURATION_PART.matcher(text);
        int end = 0;
        double nanos = 0;
        while (matcher.find() && matcher.start() == end) {
            double amount = Double.parseDouble(matcher.group(1));
            nanos += amount * switch (matcher.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us" -> 1e3;
                default -> 1;
            };
            end = matcher.end();
        }
        if (end == 0 || end != text.length()) {
            return null;
        }
        long total = (long) nanos;
        return Duration.newBuilder().setSeconds(total / 1_000_000_000L).setNanos((int) (total % 1_000_000_000L)).build();
    }

    @Override
    public String toString() {
        return element == null ? name : name + "<" + element + ">";
    }
}
