package org.haven.bench.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads top-level scalar fields out of the server's compact JSON answers. The set-up needs four values from flat
 * objects, which does not justify a JSON library on the benchmark's own classpath.
 */
public final class JsonFields {

    public static String string(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no string field '" + field + "' in " + json);
        }
        return matcher.group(1);
    }

    public static long number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no number field '" + field + "' in " + json);
        }
        return Long.parseLong(matcher.group(1));
    }

    public static boolean bool(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(true|false)").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no boolean field '" + field + "' in " + json);
        }
        return Boolean.parseBoolean(matcher.group(1));
    }

    private JsonFields() {}
}
