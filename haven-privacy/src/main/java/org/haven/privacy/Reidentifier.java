package org.haven.privacy;

import java.util.Objects;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;

import org.haven.privacy.internal.EncryptTreatment;
import org.haven.privacy.internal.PseudonymiseTreatment;
import org.haven.privacy.internal.TypedText;
import org.haven.schema.Field;
import org.haven.schema.Schema;

/**
 * The way back from a pseudonym or a field ciphertext to the original typed value, for the fields a policy
 * pseudonymised or encrypted. Whoever calls it must check the caller's {@code reidentify} permission and audit the
 * call; this class only does the cryptography. Tokens and generalised values have no way back.
 */
public final class Reidentifier {

    private final ResolvedPolicy resolved;
    private final ScopedKeys keys;

    private Reidentifier(ResolvedPolicy resolved, ScopedKeys keys) {
        this.resolved = resolved;
        this.keys = keys;
    }

    public static Reidentifier of(Schema input, PrivacyPolicy policy, KeyRing keys, KeyScope scope) {
        Objects.requireNonNull(keys, "keys");
        return new Reidentifier(policy.resolve(input), keys.forScope(scope));
    }

    /**
     * The original value of a de-identified one.
     *
     * @return empty when the value was not made for this field and scope (or by another key)
     * @throws IllegalArgumentException when the field is unknown or its treatment cannot be reversed
     */
    public Optional<Object> reidentify(String field, String deidentified) {
        FieldPlan plan = resolved.plans().stream()
                .filter(candidate -> candidate.input().name().equalsIgnoreCase(field))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the schema has no field '" + field + "'"));
        Field input = plan.input();
        String text = switch (plan.treatment().kind()) {
            case PSEUDONYMISE -> {
                DeterministicAead daead = keys.pseudonymiser();
                yield PseudonymiseTreatment.reveal(daead, keys.scope(), input.name(), deidentified);
            }
            case ENCRYPT -> {
                Aead aead = keys.encrypter();
                yield EncryptTreatment.reveal(aead, keys.scope(), input.name(), deidentified);
            }
            default -> throw new IllegalArgumentException("field '" + input.name() + "' has treatment "
                    + plan.treatment().kind().wireName() + ", which cannot be reversed");
        };
        return text == null ? Optional.empty() : Optional.ofNullable(TypedText.parse(input.dataType(), text));
    }

    @Override
    public String toString() {
        return "Reidentifier[" + keys.scope() + "]";
    }
}
