package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.haven.formats.FormatException.Problem;
import org.junit.jupiter.api.Test;

/** This module reads no Parquet itself: without a provider on the classpath the failure is clear and clean. */
class ParquetWithoutProviderTest {

    @Test
    void parquetNeedsAProviderAndTheStreamIsClosed() {
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayInputStream input = new ByteArrayInputStream(new byte[] {'P', 'A', 'R', '1'}) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        assertThatThrownBy(() -> RecordReaders.open(input, Format.PARQUET))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.FORMAT_NOT_AVAILABLE);
                    assertThat(e.getMessage()).contains("PARQUET", "haven-datasets");
                });
        assertThat(closed).isTrue();
    }
}
