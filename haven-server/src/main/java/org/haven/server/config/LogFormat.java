package org.haven.server.config;

import java.util.Locale;

/**
 * {@code HAVEN_LOG_FORMAT}: {@code text} (default, for people) or {@code json} (one Elastic Common Schema object
 * per line, for log shippers). Request ids travel in the MDC, so they appear in both.
 */
public enum LogFormat {
    TEXT,
    JSON;

    public static final String VARIABLE = "HAVEN_LOG_FORMAT";

    public static LogFormat fromEnvironment() {
        return parse(System.getenv(VARIABLE));
    }

    static LogFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException(VARIABLE + " must be 'text' or 'json', not '" + value + "'");
        };
    }

    /** Must run before Spring Boot initialises logging, which reads this system property. */
    public void apply() {
        if (this == JSON) {
            System.setProperty("logging.structured.format.console", "ecs");
        }
    }
}
