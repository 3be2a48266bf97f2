package org.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void shortFormsAndIsoAreDurations() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("pt5m")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anythingElseIsRefusedWithWhatWasMeant() {
        assertThatThrownBy(() -> converter.convert("forever")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'forever' is not a duration such as 30s, 10m or 2h");
        assertThatThrownBy(() -> converter.convert("10 minutes")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("0s")).hasMessage("'0s' is not a positive duration");
        assertThatThrownBy(() -> converter.convert("-PT1S")).hasMessage("'-PT1S' is not a positive duration");
    }
}
