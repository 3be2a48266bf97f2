package org.haven.server.fhir.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.haven.privacy.Deidentifier;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeysetInfo;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;

/**
 * How the records of one read are written out: as stored for an identifiable read, de-identified for a pseudonymised
 * one. It also decides which fields the caller may search by: only those its answers show unchanged, since matching
 * on a value the caller sees as a token would tell them the value (is there a Smith born on this day?).
 */
final class RecordShape {

    private final Deidentifier deidentifier;
    private final Set<String> unchanged;

    /** @param deidentifier null for an identifiable read */
    RecordShape(Deidentifier deidentifier) {
        this.deidentifier = deidentifier;
        this.unchanged = deidentifier == null ? Set.of() : deidentifier.unchangedFields();
    }

    /**
     * Whether the keysets this shape was made with are still the ones the ring holds: after a rotation of an
     * encryption keyset, a shape kept from before would go on encrypting with the old primary key.
     */
    boolean usesCurrentKeys(KeyRing keys) {
        if (deidentifier == null) {
            return true;
        }
        for (KeysetInfo used : deidentifier.keysets()) {
            if (keys.forScope(used.scope()).info(used.purpose()).version() != used.version()) {
                return false;
            }
        }
        return true;
    }

    /** The record as the caller may see it, dates and date-times as ISO-8601 text. */
    Map<String, Object> apply(Map<String, Object> record) {
        Map<String, Object> shaped = deidentifier == null ? record : deidentifier.apply(record);
        Map<String, Object> json = new LinkedHashMap<>();
        shaped.forEach((name, value) -> json.put(name, text(value)));
        return json;
    }

    /** ISO-8601 text; date-times always with their seconds ({@code 2024-02-01T08:30:00Z}), whatever they are. */
    static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        return value instanceof OffsetDateTime time ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time) : value.toString();
    }

    /**
     * Refuses a search by any of the given parameters whose field this shape transforms.
     *
     * @param parameterFields each parameter the caller used, with the fields it matches on
     */
    void requireSearchable(Map<String, List<String>> parameterFields) {
        if (deidentifier == null) {
            return;
        }
        List<String> refused = parameterFields.entrySet().stream()
                .filter(parameter -> !unchanged.containsAll(parameter.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        if (!refused.isEmpty()) {
            throw new HavenException(ErrorCode.FORBIDDEN, "Your result type shows the fields behind "
                    + String.join(", ", refused) + " de-identified, so you may not search by them",
                    Map.of("parameters", refused), null);
        }
    }

    /** The audit details that say how the records were shaped; never a value. */
    void describe(Map<String, String> details) {
        if (deidentifier != null) {
            // Not summary(): that adds up every field's counts, which a read's audit event does not need.
            details.put("policy_hash", deidentifier.resolved().policy().hash());
            List<String> keysets = deidentifier.keysets().stream().map(KeysetInfo::keysetId).toList();
            if (!keysets.isEmpty()) {
                details.put("keysets", String.join(",", keysets));
            }
        }
    }
}
