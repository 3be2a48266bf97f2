package org.haven.privacy;

/**
 * What a keyset is for. Each (tenant, scope) has at most one keyset per purpose, created on first use.
 */
public enum KeyPurpose {
    /** HMAC-SHA256 PRF behind {@code tokenise}. Never rotated: a new key would split every identity. */
    TOKENISE(false),
    /** AES-SIV deterministic AEAD behind {@code pseudonymise}. Never rotated, for the same reason. */
    PSEUDONYMISE(false),
    /** AES-GCM AEAD behind {@code encrypt}. Rotatable: ciphertexts name the key that made them. */
    ENCRYPT(true);

    private final boolean rotatable;

    KeyPurpose(boolean rotatable) {
        this.rotatable = rotatable;
    }

    public boolean isRotatable() {
        return rotatable;
    }
}
