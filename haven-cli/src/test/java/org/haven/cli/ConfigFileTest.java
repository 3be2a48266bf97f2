package org.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path directory;

    @Test
    void theFileIsFoundByFlagThenPropertyThenHavenConfigThenXdgThenHome() {
        Map<String, String> both = Map.of("HAVEN_CONFIG", "/env/haven.json", "XDG_CONFIG_HOME", "/xdg");

        assertThat(ConfigFile.locate(Path.of("/flag.json"), "/property.json", both::get).path()).isEqualTo(Path.of("/flag.json"));
        assertThat(ConfigFile.locate(null, "/property.json", both::get).path()).isEqualTo(Path.of("/property.json"));
        assertThat(ConfigFile.locate(null, null, both::get).path()).isEqualTo(Path.of("/env/haven.json"));
        assertThat(ConfigFile.locate(null, null, Map.of("XDG_CONFIG_HOME", "/xdg")::get).path())
                .isEqualTo(Path.of("/xdg/haven/config.json"));
        assertThat(ConfigFile.locate(null, "", Map.of("HAVEN_CONFIG", "")::get).path())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "haven", "config.json"));
    }

    @Test
    void aNewFileIsReadableByItsOwnerOnlyInADirectoryOnlyTheOwnerCanEnter() throws IOException {
        Path file = directory.resolve("nested/haven/config.json");

        new ConfigFile(file).write(new ConfigFile.Contents("http://haven.example", "hvn_pat_abc_secret"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(new ConfigFile(file).read()).contains(new ConfigFile.Contents("http://haven.example", "hvn_pat_abc_secret"));
    }

    @Test
    void anExistingFileOthersCouldReadIsTightenedBeforeTheTokenIsWritten() throws IOException {
        Path file = Files.writeString(directory.resolve("config.json"), "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        var directoryBefore = Files.getPosixFilePermissions(directory);

        new ConfigFile(file).write(new ConfigFile.Contents("http://haven.example", "hvn_pat_abc_secret"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // The directory was there already (it may be shared, like /tmp): it is left as it was.
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(directoryBefore);
    }

    @Test
    void signingOutKeepsTheServerAndDropsTheToken() throws IOException {
        ConfigFile config = new ConfigFile(directory.resolve("config.json"));
        config.write(new ConfigFile.Contents("http://haven.example", "hvn_pat_abc_secret"));

        config.write(new ConfigFile.Contents("http://haven.example", null));

        assertThat(Files.readString(config.path())).doesNotContain("token");
        assertThat(config.read()).contains(new ConfigFile.Contents("http://haven.example", null));
    }

    @Test
    void aMissingFileIsNoConfigurationAndABrokenOneIsAClearFailure() throws IOException {
        assertThat(new ConfigFile(directory.resolve("absent.json")).read()).isEmpty();

        Path broken = Files.writeString(directory.resolve("broken.json"), "{not json");
        CommandRun run = CommandRun.of("me", "--config", broken.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("haven: " + broken + " is not valid JSON");
    }
}
