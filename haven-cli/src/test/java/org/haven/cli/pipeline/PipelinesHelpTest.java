package org.haven.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PipelinesHelpTest {

    /** picocli reads ${...} in descriptions as its own variables; the placeholder syntax must survive as text. */
    @Test
    void applyHelpShowsThePlaceholderSyntax() {
        String usage = new CommandLine(new PipelinesCommand()).getSubcommands().get("apply").getUsageMessage();
        assertThat(usage).contains("Each ${NAME} in the file is replaced", "A value for ${NAME} in the file")
                .doesNotContain("Each null");
    }
}
