package org.haven.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.prf.Prf;

/**
 * The primitives of one {@link KeyScope}. Each keyset is loaded (or created) when first asked for, so a policy
 * without {@code encrypt} never creates an encryption keyset. The primitives are thread-safe.
 */
public final class ScopedKeys {

    private final KeyRing ring;
    private final KeyScope scope;

    ScopedKeys(KeyRing ring, KeyScope scope) {
        this.ring = ring;
        this.scope = scope;
    }

    public KeyScope scope() {
        return scope;
    }

    /** The primary HMAC-SHA256 PRF of the TOKENISE keyset. */
    public Prf tokeniser() {
        return ring.tokeniser(scope);
    }

    /** AES-SIV over the PSEUDONYMISE keyset. */
    public DeterministicAead pseudonymiser() {
        return ring.pseudonymiser(scope);
    }

    /** AES-GCM over the ENCRYPT keyset: encrypts with the primary key, decrypts with any key it holds. */
    public Aead encrypter() {
        return ring.encrypter(scope);
    }

    public KeysetInfo info(KeyPurpose purpose) {
        return ring.info(scope, purpose);
    }

    @Override
    public String toString() {
        return "ScopedKeys[" + scope + "]";
    }
}
