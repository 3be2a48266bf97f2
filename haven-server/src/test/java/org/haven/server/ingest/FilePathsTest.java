package org.haven.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FilePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"..", "../a", "a/..", "a/../b", ".", "./a", "/a", "a\\b", "a//b", "a/", "a\u0000b", "a\tb",
            "a\u007fb", "a\u0085b", "C:/a", "c:", "a\u202eb", "a\u2066b", "\ud800a"})
    void refusesPathsThatEscapeHideOrBreakNames(String path) {
        assertThatThrownBy(() -> FilePaths.sanitise(path)).isInstanceOfSatisfying(HavenException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void refusesOverLongNamesAndPathsAndTooManySegments() {
        assertThat(FilePaths.sanitise("a".repeat(255))).hasSize(255);
        assertThatThrownBy(() -> FilePaths.sanitise("a".repeat(256))).isInstanceOf(HavenException.class);
        // 128 two-byte characters are 256 UTF-8 bytes.
        assertThatThrownBy(() -> FilePaths.sanitise("\u00e9".repeat(128))).isInstanceOf(HavenException.class);
        assertThatThrownBy(() -> FilePaths.sanitise(("d".repeat(200) + "/").repeat(6) + "f")).isInstanceOf(HavenException.class);
        assertThat(FilePaths.sanitise("d/".repeat(31) + "f")).endsWith("/f");
        assertThatThrownBy(() -> FilePaths.sanitise("d/".repeat(32) + "f")).isInstanceOf(HavenException.class);
        assertThatThrownBy(() -> FilePaths.sanitise("")).isInstanceOf(HavenException.class);
        assertThatThrownBy(() -> FilePaths.sanitise(null)).isInstanceOf(HavenException.class);
    }

    @Test
    void keepsOrdinaryNamesAndNormalisesToNfc() {
        assertThat(FilePaths.sanitise("incoming/2024-01/a b (1).csv.gz")).isEqualTo("incoming/2024-01/a b (1).csv.gz");
        assertThat(FilePaths.sanitise("..a/b..c/.hidden")).isEqualTo("..a/b..c/.hidden");
        assertThat(FilePaths.sanitise("cafe\u0301.csv")).isEqualTo("caf\u00e9.csv");
        assertThat(FilePaths.sanitise("\ud83d\udcc4.txt")).isEqualTo("\ud83d\udcc4.txt");
    }

    @Test
    void prefixesMayEndAnywhereButNotEscape() {
        assertThat(FilePaths.prefix(null)).isEmpty();
        assertThat(FilePaths.prefix("incoming/20")).isEqualTo("incoming/20");
        assertThatThrownBy(() -> FilePaths.prefix("/incoming")).isInstanceOf(HavenException.class);
        assertThatThrownBy(() -> FilePaths.prefix("a\\b")).isInstanceOf(HavenException.class);
    }
}
