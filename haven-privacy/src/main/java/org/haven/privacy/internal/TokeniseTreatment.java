package org.haven.privacy.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import com.google.crypto.tink.prf.Prf;

import org.haven.privacy.FieldTransform;
import org.haven.privacy.KeyException;
import org.haven.privacy.KeyPurpose;
import org.haven.privacy.ScopedKeys;
import org.haven.privacy.SuppressionReason;
import org.haven.privacy.Treatment;
import org.haven.privacy.TreatmentKind;
import org.haven.privacy.TreatmentSpec;
import org.haven.schema.DataType;
import org.haven.schema.Field;

/**
 * {@code tk_} and 32 URL-safe base64 characters: the first 24 bytes (192 bits) of HMAC-SHA256 over the normalised
 * value under the scope's TOKENISE key. Fixed length, so a token says nothing about the value's length.
 */
public final class TokeniseTreatment implements Treatment {

    public static final String PREFIX = "tk_";
    static final int TOKEN_BYTES = 24;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int TOKEN_CHARS = TOKEN_BYTES / 3 * 4;
    private static final ThreadLocal<byte[]> ENCODED = ThreadLocal.withInitial(() -> new byte[TOKEN_CHARS]);

    private final Field input;

    TokeniseTreatment(Field input) {
        this.input = input;
    }

    @Override
    public TreatmentKind kind() {
        return TreatmentKind.TOKENISE;
    }

    @Override
    public TreatmentSpec spec() {
        return TreatmentSpec.of(TreatmentKind.TOKENISE);
    }

    @Override
    public Optional<Field> outputField() {
        return Optional.of(OutputFields.of(input, DataType.STRING, false, false));
    }

    @Override
    public Set<KeyPurpose> keyPurposes() {
        return Set.of(KeyPurpose.TOKENISE);
    }

    @Override
    public FieldTransform bind(ScopedKeys keys) {
        Prf prf = keys.tokeniser();
        DataType type = input.dataType();
        return value -> {
            String text = TypedText.of(type, value);
            return text == null ? SuppressionReason.UNEXPECTED_TYPE : token(prf, type, text);
        };
    }

    /** The token of one value; public for the benchmark and for callers that look a token up. */
    public static String token(Prf prf, DataType type, String text) {
        byte[] input = Normalisation.forTokenising(type, text).getBytes(StandardCharsets.UTF_8);
        byte[] digest;
        try {
            digest = prf.compute(input, TOKEN_BYTES);
        } catch (GeneralSecurityException e) {
            throw new KeyException("the tokenisation key failed", e);
        }
        // One ASCII buffer and one String: this runs once per DIRECT value of every ingested row.
        byte[] token = new byte[PREFIX_BYTES.length + TOKEN_CHARS];
        System.arraycopy(PREFIX_BYTES, 0, token, 0, PREFIX_BYTES.length);
        ENCODER.encode(digest, ENCODED.get());
        System.arraycopy(ENCODED.get(), 0, token, PREFIX_BYTES.length, TOKEN_CHARS);
        return new String(token, StandardCharsets.ISO_8859_1);
    }
}
