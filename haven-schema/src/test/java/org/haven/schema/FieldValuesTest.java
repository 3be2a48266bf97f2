package org.haven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldValuesTest {

    private final FieldValues.Names names = FieldValues.Names.of(List.of("nhs_number", "email", "age"));

    @Test
    void anAbsentNameIsNoKeyWhileAPresentNullIs() {
        FieldValues values = FieldValues.builder(names).set(0, "9434765919").set(1, null).build();

        assertThat(values).hasSize(2).containsKeys("nhs_number", "email").doesNotContainKey("age");
        assertThat(values.get("email")).isNull();
        assertThat(values.get("age")).isNull();
        assertThat(values.get("unknown")).isNull();
        assertThat(values.valueAt(0)).isEqualTo("9434765919");
        assertThat(values.valueAt(2)).isNull();
    }

    @Test
    void iteratesInTheNamesOrderAndEqualsAnyMapOfTheSameEntries() {
        FieldValues values = FieldValues.builder(names).set(2, 42L).set(0, "9434765919").build();
        Map<String, Object> same = new LinkedHashMap<>();
        same.put("nhs_number", "9434765919");
        same.put("age", 42L);

        assertThat(values.keySet()).containsExactly("nhs_number", "age");
        assertThat(values).isEqualTo(same);
        assertThat(same).isEqualTo(values);
        assertThat(values.hashCode()).isEqualTo(same.hashCode());
        assertThat(values).hasToString("{nhs_number=9434765919, age=42}");
    }

    @Test
    void settingANameTwiceKeepsTheLastValueAndCountsItOnce() {
        FieldValues values = FieldValues.builder(names).set(1, "a@example.org").set(1, "b@example.org").build();

        assertThat(values).hasSize(1).containsEntry("email", "b@example.org");
    }

    @Test
    void cannotBeChanged() {
        FieldValues values = FieldValues.builder(names).set(0, "9434765919").build();

        assertThatThrownBy(() -> values.put("email", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> values.remove("nhs_number")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> values.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesRefuseARepeatAndMatchOnlyTheSameOrder() {
        assertThatThrownBy(() -> FieldValues.Names.of(List.of("a", "b", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a appears twice");
        assertThat(names.matches(List.of("nhs_number", "email", "age"))).isTrue();
        assertThat(names.matches(List.of("email", "nhs_number", "age"))).isFalse();
        assertThat(names.matches(List.of("nhs_number", "email"))).isFalse();
        assertThat(names.positionOf("age")).isEqualTo(2);
        assertThat(names.positionOf("weight")).isEqualTo(-1);
    }

    @Test
    void aValidatorsResultHoldsItsValuesInSchemaOrder() {
        Schema schema = Schema.of(Field.of("b", DataType.INTEGER, IdentifierType.NON_ID),
                Field.of("a", DataType.STRING, IdentifierType.NON_ID));

        RecordResult result = RecordValidator.of(schema).validate(Map.of("a", "x", "b", "7"));

        assertThat(result.values()).isInstanceOf(FieldValues.class);
        assertThat(result.values().keySet()).containsExactly("b", "a");
        assertThat(((FieldValues) result.values()).valueAt(0)).isEqualTo(7L);
    }
}
