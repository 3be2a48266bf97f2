package org.haven.server.sharing;

import java.util.Locale;

/**
 * The most a read may return (seed 000's {@code allowed_result_types}). Each includes the ones after it: a caller
 * who may read values may also read tokens and aggregates. The authorization schema has one grant relation and one
 * read permission per type.
 */
public enum ResultType {
    /** The stored values. */
    IDENTIFIABLE,
    /** DIRECT fields as tokens (or as the grant's policy says), INDIRECT ones as the policy says. */
    PSEUDONYMISED,
    /** Aggregates that pass disclosure control, never records. */
    AGGREGATE;

    /** The relation on {@code dataset} that grants this result type to a project. */
    public String relation() {
        return "granted_" + lowerCase();
    }

    /** The permission on {@code dataset} a read of this result type needs. */
    public String permission() {
        return "read_" + lowerCase();
    }

    /** The result type named ignoring case, or null for any other text. */
    public static ResultType parse(String text) {
        if (text == null) {
            return null;
        }
        for (ResultType type : values()) {
            if (type.name().equalsIgnoreCase(text.trim())) {
                return type;
            }
        }
        return null;
    }

    private String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
