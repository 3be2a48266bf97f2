package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormatOptionsTest {

    @Test
    void defaults() {
        FormatOptions defaults = FormatOptions.defaults();
        assertThat(defaults.delimiter()).isEqualTo(',');
        assertThat(defaults.quote()).isEqualTo('"');
        assertThat(defaults.header()).isTrue();
        assertThat(defaults.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(defaults.maxRecordBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(defaults.maxFieldBytes()).isEqualTo(1024 * 1024);
        assertThat(defaults.maxColumns()).isEqualTo(4096);
        assertThat(defaults.maxRecords()).isEqualTo(Long.MAX_VALUE);
        assertThat(defaults.maxNestingDepth()).isEqualTo(32);
        assertThat(defaults.maxDecompressedBytes()).isEqualTo(8L * 1024 * 1024 * 1024);
    }

    @Test
    void toBuilderKeepsEverySetting() {
        FormatOptions options = FormatOptions.builder().delimiter('\t').quote('\'').header(false)
                .charset(StandardCharsets.ISO_8859_1).maxRecordBytes(10).maxFieldBytes(5).maxColumns(3).maxRecords(7)
                .maxNestingDepth(2).maxDecompressedBytes(99).build();
        assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
        assertThat(options).isNotEqualTo(FormatOptions.defaults());
        assertThat(options.toString()).contains("delimiter=\\t", "maxRecords=7");
    }

    @Test
    void rejectsSettingsThatCouldNeverWork() {
        assertThatThrownBy(() -> FormatOptions.builder().delimiter('\n')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormatOptions.builder().quote('\r')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormatOptions.builder().delimiter('\0')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormatOptions.builder().delimiter('"').build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormatOptions.builder().maxFieldBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormatOptions.builder().maxRecords(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormatOptions.builder().maxDecompressedBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
