package org.haven.privacy.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import com.google.crypto.tink.Aead;

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
 * {@code enc_} and URL-safe base64 of Tink AES-GCM over the canonical text. Tink's 5-byte output prefix names the key,
 * so after a rotation old values still decrypt. Associated data binds tenant, scope and field.
 */
public final class EncryptTreatment implements Treatment {

    public static final String PREFIX = "enc_";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Field input;

    EncryptTreatment(Field input) {
        this.input = input;
    }

    @Override
    public TreatmentKind kind() {
        return TreatmentKind.ENCRYPT;
    }

    @Override
    public TreatmentSpec spec() {
        return TreatmentSpec.of(TreatmentKind.ENCRYPT);
    }

    @Override
    public Optional<Field> outputField() {
        return Optional.of(OutputFields.of(input, DataType.STRING, true, false));
    }

    @Override
    public Set<KeyPurpose> keyPurposes() {
        return Set.of(KeyPurpose.ENCRYPT);
    }

    @Override
    public FieldTransform bind(ScopedKeys keys) {
        Aead aead = keys.encrypter();
        byte[] associatedData = associatedData(keys.scope(), input.name());
        DataType type = input.dataType();
        return value -> {
            String text = TypedText.of(type, value);
            if (text == null) {
                return SuppressionReason.UNEXPECTED_TYPE;
            }
            try {
                return PREFIX + ENCODER.encodeToString(
                        aead.encrypt(text.getBytes(StandardCharsets.UTF_8), associatedData));
            } catch (GeneralSecurityException e) {
                throw new KeyException("the encryption key of " + keys.scope() + " failed", e);
            }
        };
    }

    public static String reveal(Aead aead, KeyScope scope, String field, String ciphertext) {
        if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
            return null;
        }
        try {
            byte[] bytes = DECODER.decode(ciphertext.substring(PREFIX.length()));
            return new String(aead.decrypt(bytes, associatedData(scope, field)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }

    static byte[] associatedData(KeyScope scope, String field) {
        return ("haven-field\u0000" + scope.tenantId() + "\u0000" + scope.scope() + "\u0000" + field)
                .getBytes(StandardCharsets.UTF_8);
    }
}
