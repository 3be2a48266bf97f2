package org.haven.privacy;

import java.util.Locale;
import java.util.Optional;

/** The treatments a policy can give a field; written in lower case in policy documents. */
public enum TreatmentKind {
    /** The value as it is. */
    KEEP,
    /** No output column at all. */
    DROP,
    /** A keyed PRF token: equal inputs give equal tokens within a scope, unrelated tokens across scopes. */
    TOKENISE,
    /** Deterministic AEAD: like a token, but reversible with the scope's key (re-identification). */
    PSEUDONYMISE,
    /** Randomised AEAD: field-level encryption at rest; decrypts with the scope's key, equal inputs do not match. */
    ENCRYPT,
    /** A coarser value: dates to year/quarter/month, ages to bands, postcodes to district/area, ranges, tables. */
    GENERALISE,
    /** All but the last characters replaced by a fixed character. */
    MASK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TreatmentKind> fromWireName(String name) {
        for (TreatmentKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
