package org.haven.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void textUnlessJsonIsAskedFor() {
        assertThat(LogFormat.parse(null)).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.parse("")).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.parse("text")).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.parse(" JSON ")).isEqualTo(LogFormat.JSON);
    }

    @Test
    void anUnknownFormatIsRefusedWithTheVariableName() {
        assertThatThrownBy(() -> LogFormat.parse("xml")).hasMessageContaining("HAVEN_LOG_FORMAT").hasMessageContaining("xml");
    }
}
