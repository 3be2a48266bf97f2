package org.haven.server.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.haven.server.audit.AuditEvent;
import org.haven.server.audit.AuditResource;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;

/**
 * What an event may hold, checked before it is appended. The limits keep one event small (the chain lock is held
 * while it is written) and keep every field storable exactly as hashed: PostgreSQL text holds neither NUL nor a
 * lone UTF-16 surrogate, and the canonical time format has four-digit years. Detail keys that name a secret are
 * refused, a last guard against a caller passing a token or key.
 */
final class EventLimits {

    static final int MAX_IDENTIFIER_LENGTH = 255;
    static final int MAX_ACTION_LENGTH = 100;
    static final int MAX_RESOURCE_ID_LENGTH = 1024;
    static final int MAX_REASON_LENGTH = 1000;
    static final int MAX_CLIENT_ADDRESS_LENGTH = 100;
    static final int MAX_DETAILS = 32;
    static final int MAX_DETAIL_VALUE_LENGTH = 1000;
    static final int MAX_DETAILS_BYTES = 8 * 1024;

    private static final Pattern DOTTED_LOWERCASE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    private static final Pattern DETAIL_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final List<String> SECRET_WORDS = List.of(
            "password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "credential", "authorization",
            "privatekey", "private_key", "private-key");
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private EventLimits() {}

    static void check(AuditEvent event) {
        required("actor.id", event.actor().id(), MAX_IDENTIFIER_LENGTH);
        optional("actor.tenantId", event.actor().tenantId(), MAX_IDENTIFIER_LENGTH);
        optional("actor.displayName", event.actor().displayName(), MAX_IDENTIFIER_LENGTH);
        required("action", event.action(), MAX_ACTION_LENGTH);
        if (!DOTTED_LOWERCASE.matcher(event.action()).matches() || event.action().indexOf('.') < 0) {
            throw invalid("action", "action must be dotted lowercase words, e.g. tenant.create");
        }
        AuditResource resource = event.resource();
        if (resource != null) {
            required("resource.type", resource.type(), MAX_IDENTIFIER_LENGTH);
            if (!DOTTED_LOWERCASE.matcher(resource.type()).matches()) {
                throw invalid("resource.type", "resource type must be lowercase words, e.g. dataset");
            }
            required("resource.id", resource.id(), MAX_RESOURCE_ID_LENGTH);
        }
        optional("reason", event.reason(), MAX_REASON_LENGTH);
        optional("requestId", event.requestId(), MAX_IDENTIFIER_LENGTH);
        optional("clientAddress", event.clientAddress(), MAX_CLIENT_ADDRESS_LENGTH);
        if (event.occurredAt().isBefore(EARLIEST) || event.occurredAt().isAfter(LATEST)) {
            throw invalid("occurredAt", "occurredAt must be between 1970 and 9999");
        }
        checkDetails(event.details());
    }

    private static void checkDetails(Map<String, String> details) {
        if (details.size() > MAX_DETAILS) {
            throw invalid("details", "at most " + MAX_DETAILS + " details");
        }
        int bytes = 0;
        for (Map.Entry<String, String> detail : details.entrySet()) {
            String key = detail.getKey();
            if (!DETAIL_KEY.matcher(key).matches()) {
                throw invalid("details", "detail key '" + key + "' must be a letter followed by up to 63 letters, digits, '_', '.' or '-'");
            }
            String lowerKey = key.toLowerCase(Locale.ROOT);
            if (SECRET_WORDS.stream().anyMatch(lowerKey::contains)) {
                throw invalid("details", "detail key '" + key + "' names a secret; audit events never hold secrets");
            }
            optional("details." + key, detail.getValue(), MAX_DETAIL_VALUE_LENGTH);
            bytes += key.getBytes(StandardCharsets.UTF_8).length + detail.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_DETAILS_BYTES) {
            throw invalid("details", "details must total at most " + MAX_DETAILS_BYTES + " bytes");
        }
    }

    private static void required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw invalid(field, field + " is required");
        }
        optional(field, value, maxLength);
    }

    /** Absent is null, never empty, so that a field reads back and hashes the same way. */
    private static void optional(String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.isEmpty()) {
            throw invalid(field, field + " must be absent (null) or not empty");
        }
        if (value.length() > maxLength) {
            throw invalid(field, field + " must be at most " + maxLength + " characters");
        }
        if (!storable(value)) {
            throw invalid(field, field + " contains a NUL character or malformed Unicode");
        }
    }

    private static boolean storable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static HavenException invalid(String field, String detail) {
        return new HavenException(ErrorCode.VALIDATION_FAILED, detail, Map.of("field", field), null);
    }
}
