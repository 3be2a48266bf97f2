package org.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ./haven} command line the README shows is one the CLI accepts, with its placeholders ({@code <run-id>})
 * filled in; so a renamed command or option cannot leave the tour behind. ({@code ./haven start} and
 * {@code ./haven demo-fhir-server} are the launcher's.)
 */
class ReadmeTourTest {

    private static final Set<String> LAUNCHER_COMMANDS = Set.of("start", "demo-fhir-server");
    private static final String AN_ID = "0b3f2a4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";

    @Test
    void everyCommandInTheTourParses() throws IOException {
        List<List<String>> commands = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(line -> line.startsWith("$ ./haven "))
                .map(line -> words(line.substring("$ ./haven ".length())))
                .filter(words -> !LAUNCHER_COMMANDS.contains(words.get(0)))
                .toList();

        assertThat(commands).hasSizeGreaterThan(20)
                .anySatisfy(words -> assertThat(words).startsWith("pipelines", "apply"))
                .anySatisfy(words -> assertThat(words).startsWith("runs", "logs"))
                .anySatisfy(words -> assertThat(words).startsWith("versions", "download"))
                .anySatisfy(words -> assertThat(words).startsWith("patients", "search"));
        for (List<String> words : commands) {
            assertThatCode(() -> HavenCli.commandLine().parseArgs(words.toArray(String[]::new)))
                    .as(String.join(" ", words)).doesNotThrowAnyException();
        }
    }

    /** The words of a shell line up to a comment or redirection, double quotes grouping, placeholders filled in. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if ((c == '#' || c == '>') && !quoted && word == null) {
                break;
            } else {
                word = (word == null ? new StringBuilder() : word).append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words.stream().map(each -> each.replaceAll("<[a-z-]+>", AN_ID)).toList();
    }
}
