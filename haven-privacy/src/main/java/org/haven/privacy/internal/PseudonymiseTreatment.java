package org.haven.privacy.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import com.google.crypto.tink.DeterministicAead;

import org.haven.privacy.FieldTransform;
import org.haven.privacy.KeyException;
import org.haven.privacy.KeyPurpose;
import org.haven.privacy.KeyScope;
import org.haven.privacy.ScopedKeys;
import org.haven.privacy.SuppressionReason;
import org.haven.privacy.Treatment;
import org.haven.privacy.TreatmentKind;
import org.haven.privacy.TreatmentSpec;
import org.haven.schema.DataType;
import org.haven.schema.Field;

/**
 * {@code ps_} and URL-safe base64 of AES-SIV over the value's canonical text, with associated data binding the
 * tenant, scope and field name: a pseudonym moved to another field or scope does not decrypt. The text is not
 * normalised, so re-identification gives back exactly the stored value.
 */
public final class PseudonymiseTreatment implements Treatment {

    public static final String PREFIX = "ps_";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Field input;

    PseudonymiseTreatment(Field input) {
        this.input = input;
    }

    @Override
    public TreatmentKind kind() {
        return TreatmentKind.PSEUDONYMISE;
    }

    @Override
    public TreatmentSpec spec() {
        return TreatmentSpec.of(TreatmentKind.PSEUDONYMISE);
    }

    @Override
    public Optional<Field> outputField() {
        return Optional.of(OutputFields.of(input, DataType.STRING, false, false));
    }

    @Override
    public Set<KeyPurpose> keyPurposes() {
        return Set.of(KeyPurpose.PSEUDONYMISE);
    }

    @Override
    public FieldTransform bind(ScopedKeys keys) {
        DeterministicAead daead = keys.pseudonymiser();
        byte[] associatedData = associatedData(keys.scope(), input.name());
        DataType type = input.dataType();
        return value -> {
            String text = TypedText.of(type, value);
            if (text == null) {
                return SuppressionReason.UNEXPECTED_TYPE;
            }
            try {
                return PREFIX + ENCODER.encodeToString(
                        daead.encryptDeterministically(text.getBytes(StandardCharsets.UTF_8), associatedData));
            } catch (GeneralSecurityException e) {
                throw new KeyException("the pseudonymisation key of " + keys.scope() + " failed", e);
            }
        };
    }

    /** The canonical text behind a pseudonym, or null when it is not one of this field and scope. */
    public static String reveal(DeterministicAead daead, KeyScope scope, String field, String pseudonym) {
        if (pseudonym == null || !pseudonym.startsWith(PREFIX)) {
            return null;
        }
        try {
            byte[] ciphertext = DECODER.decode(pseudonym.substring(PREFIX.length()));
            return new String(daead.decryptDeterministically(ciphertext, associatedData(scope, field)),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }

    static byte[] associatedData(KeyScope scope, String field) {
        return ("haven-pseudonym\u0000" + scope.tenantId() + "\u0000" + scope.scope() + "\u0000" + field)
                .getBytes(StandardCharsets.UTF_8);
    }
}
