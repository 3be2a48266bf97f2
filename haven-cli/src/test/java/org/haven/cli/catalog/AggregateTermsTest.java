package org.haven.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.haven.cli.catalog.AggregateTerms.Filter;
import org.haven.cli.catalog.AggregateTerms.FilterConverter;
import org.haven.cli.catalog.AggregateTerms.Measure;
import org.haven.cli.catalog.AggregateTerms.MeasureConverter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class AggregateTermsTest {

    private final FilterConverter filters = new FilterConverter();
    private final MeasureConverter measures = new MeasureConverter();

    @Test
    void eachOperatorBecomesTheRequestsOp() {
        assertThat(filters.convert("sex=F")).isEqualTo(new Filter("sex", "eq", "F"));
        assertThat(filters.convert("sex!=F")).isEqualTo(new Filter("sex", "ne", "F"));
        assertThat(filters.convert("age<18")).isEqualTo(new Filter("age", "lt", "18"));
        assertThat(filters.convert("age<=18")).isEqualTo(new Filter("age", "le", "18"));
        assertThat(filters.convert("age>18")).isEqualTo(new Filter("age", "gt", "18"));
        assertThat(filters.convert("age>=18")).isEqualTo(new Filter("age", "ge", "18"));
    }

    @Test
    void theValueIsEverythingAfterTheFirstOperator() {
        assertThat(filters.convert("note=a=b>=c")).isEqualTo(new Filter("note", "eq", "a=b>=c"));
        assertThat(filters.convert("clinic=North Street ")).isEqualTo(new Filter("clinic", "eq", "North Street "));
        assertThat(filters.convert("age>=18").toBody()).containsExactly(
                Map.entry("field", "age"), Map.entry("op", "ge"), Map.entry("value", "18"));
    }

    @Test
    void aFilterNeedsAFieldAnOperatorAndAValue() {
        for (String bad : new String[] {"age", "=18", ">=18", "age!18", "age>=", "age="}) {
            assertThatThrownBy(() -> filters.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }

    @Test
    void measuresAreAnOpOrAnOpAndAField() {
        assertThat(measures.convert("count")).isEqualTo(new Measure("count", null));
        assertThat(measures.convert("count").toBody()).containsOnlyKeys("op");
        assertThat(measures.convert("mean:weight_kg")).isEqualTo(new Measure("mean", "weight_kg"));
        assertThat(measures.convert("count_distinct:nhs_number").toBody()).containsEntry("field", "nhs_number");
        for (String bad : new String[] {"median:age", "mean:", ":age", "average"}) {
            assertThatThrownBy(() -> measures.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }
}
