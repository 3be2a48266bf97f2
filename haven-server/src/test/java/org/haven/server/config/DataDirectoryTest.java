package org.haven.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aSecondOwnerIsRefusedUntilTheFirstLetsGo() {
        Path directory = temp.resolve("data");
        try (DataDirectory first = DataDirectory.claim(directory)) {
            assertThat(first.root()).isEqualTo(directory.toAbsolutePath());
            assertThatThrownBy(() -> DataDirectory.claim(directory))
                    .isInstanceOf(DataDirectory.DataDirectoryInUseException.class)
                    .hasMessageContaining("in use by another Haven process")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("HAVEN_DATA_DIR");
        }
        DataDirectory.claim(directory).close();
    }
}
