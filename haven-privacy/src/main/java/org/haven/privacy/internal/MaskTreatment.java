package org.haven.privacy.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.haven.privacy.FieldTransform;
import org.haven.privacy.KeyPurpose;
import org.haven.privacy.ScopedKeys;
import org.haven.privacy.SuppressionReason;
import org.haven.privacy.Treatment;
import org.haven.privacy.TreatmentKind;
import org.haven.privacy.TreatmentSpec;
import org.haven.schema.DataType;
import org.haven.schema.Field;

/**
 * Every character but the last {@code keep_last} replaced by {@code char}; the length stays. A value no longer than
 * {@code keep_last} is masked entirely, since keeping "the last n" of it would keep all of it.
 */
final class MaskTreatment implements Treatment {

    static final Set<String> PARAMETERS = Set.of("keep_last", "char");

    private final Field input;
    private final int keepLast;
    private final char maskChar;

    MaskTreatment(Field input, int keepLast, char maskChar) {
        this.input = input;
        this.keepLast = keepLast;
        this.maskChar = maskChar;
    }

    @Override
    public TreatmentKind kind() {
        return TreatmentKind.MASK;
    }

    @Override
    public TreatmentSpec spec() {
        return TreatmentSpec.of(TreatmentKind.MASK, Map.of("keep_last", keepLast, "char", String.valueOf(maskChar)));
    }

    @Override
    public Optional<Field> outputField() {
        return Optional.of(OutputFields.of(input, DataType.STRING, false, false));
    }

    @Override
    public Set<KeyPurpose> keyPurposes() {
        return Set.of();
    }

    @Override
    public FieldTransform bind(ScopedKeys keys) {
        DataType type = input.dataType();
        return value -> {
            String text = TypedText.of(type, value);
            return text == null ? SuppressionReason.UNEXPECTED_TYPE : mask(text);
        };
    }

    String mask(String text) {
        int length = text.codePointCount(0, text.length());
        int masked = length <= keepLast ? length : length - keepLast;
        StringBuilder result = new StringBuilder(text.length());
        int index = 0;
        for (int i = 0; i < length; i++) {
            int codePoint = text.codePointAt(index);
            index += Character.charCount(codePoint);
            if (i < masked) {
                result.append(maskChar);
            } else {
                result.appendCodePoint(codePoint);
            }
        }
        return result.toString();
    }
}
