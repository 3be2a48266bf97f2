package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.haven.formats.FormatException.Problem;
import org.junit.jupiter.api.Test;

class RecordTest {

    private static final Columns COLUMNS = Columns.of(List.of("nhs_number", "postcode"));

    @Test
    void valuesByNameAndPosition() {
        Record record = new Record(COLUMNS, Arrays.asList("9434765919", null), 3, 4);
        assertThat(record.get("nhs_number")).isEqualTo("9434765919");
        assertThat(record.get(1)).isNull();
        assertThat(record.size()).isEqualTo(2);
        assertThat(record.toMap()).containsEntry("postcode", null).containsKeys("nhs_number");
        assertThatThrownBy(() -> record.get("missing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("missing");
    }

    @Test
    void toStringShowsPositionsNotValues() {
        Record record = new Record(COLUMNS, List.of("9434765919", "SW1A 1AA"), 3, 4);
        assertThat(record.toString()).isEqualTo("Record[number=3, line=4, values=2]");
    }

    @Test
    void needsOneValuePerColumn() {
        assertThatThrownBy(() -> new Record(COLUMNS, List.of("x"), 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void columnNamesAreUnique() {
        assertThat(COLUMNS.indexOf("postcode")).hasValue(1);
        assertThat(COLUMNS.indexOf("other")).isEmpty();
        assertThatThrownBy(() -> Columns.of(List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Columns.of(List.of())).isSameAs(Columns.none());
    }

    @Test
    void exceptionPositionIsFilledInOnlyWhereUnknown() {
        FormatException fromBelow = new FormatException(Problem.DECOMPRESSED_TOO_LARGE, "limit 10 bytes", 0);
        FormatException placed = fromBelow.withPosition(7, 3);
        assertThat(placed.line()).isEqualTo(7);
        assertThat(placed.recordNumber()).isEqualTo(3);
        assertThat(placed.getMessage()).isEqualTo("DECOMPRESSED_TOO_LARGE at line 7, record 3:"
                + " the decompressed input is larger than the limit (limit 10 bytes)");
        assertThat(placed.withPosition(9, 9)).isSameAs(placed);
    }
}
