package org.haven.schema.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Field names: an ASCII letter, then ASCII letters, digits and underscores, at most 63 characters. The limit is
 * PostgreSQL's identifier length, so a field can become a column without being renamed or truncated.
 */
public final class FieldNames {

    public static final int MAX_LENGTH = 63;

    private FieldNames() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !isLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** The key under which names are compared: two names with the same key are the same field. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * A valid field name made from a column header: lower case, other characters as underscores, a leading
     * {@code f_} when the header does not start with a letter, cut to the limit, and a numeric suffix when the
     * result is already in {@code taken} (compared by {@link #key}).
     */
    public static String fromHeader(String header, Set<String> taken) {
        StringBuilder name = new StringBuilder();
        boolean lastWasUnderscore = false;
        for (int i = 0; i < header.length(); i++) {
            char c = Character.toLowerCase(header.charAt(i));
            boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (keep) {
                name.append(c);
                lastWasUnderscore = false;
            } else if (!lastWasUnderscore && name.length() > 0) {
                name.append('_');
                lastWasUnderscore = true;
            }
        }
        while (name.length() > 0 && name.charAt(name.length() - 1) == '_') {
            name.setLength(name.length() - 1);
        }
        if (name.length() == 0 || !isLetter(name.charAt(0))) {
            name.insert(0, name.length() == 0 ? "field" : "f_");
        }
        String base = name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name.toString();
        String candidate = base;
        for (int suffix = 2; taken.contains(key(candidate)); suffix++) {
            String tail = "_" + suffix;
            candidate = base.substring(0, Math.min(base.length(), MAX_LENGTH - tail.length())) + tail;
        }
        return candidate;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
