package org.haven.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.haven.cli.CliFailure;
import org.haven.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineFileTest {

    private static final Path DEMO = Path.of("..", "examples", "demo", "pipeline.yaml");

    @TempDir
    Path directory;

    @Test
    void theDemoPipelineNeedsOnlyTheDatasetId() {
        String dataset = "6f1c8a52-3a43-4a8e-9a51-4b8f1b3c2d10";

        String definition = PipelineFile.read(DEMO, Map.of("DATASET_ID", dataset));

        assertThat(definition).contains("name: patients-ingest", "source: gp-uploads", "glob: \"**/*.csv\"",
                "dataset: \"" + dataset + "\"", "max_rejected_rows: 10", "type: publish").doesNotContain("${");
    }

    @Test
    void everyPlaceholderIsReplacedAndTheRestKeptAsWritten() {
        String text = "  a: ${ONE}\n  b: ${TWO}-${ONE}\n  c: $ONE ${lower} $${}\n";

        assertThat(PipelineFile.substitute(text, Map.of("ONE", "1", "TWO", "$2\\")))
                .isEqualTo("  a: 1\n  b: $2\\-1\n  c: $ONE ${lower} $${}\n");
    }

    @Test
    void aPlaceholderWithoutAValueIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> PipelineFile.read(DEMO, Map.of()))
                .isInstanceOf(CliFailure.class)
                .hasMessage("the definition needs a value for DATASET_ID (add --set DATASET_ID=VALUE)")
                .satisfies(failure -> assertThat(((CliFailure) failure).exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void aValueForNoPlaceholderIsATypo() {
        assertThatThrownBy(() -> PipelineFile.read(DEMO, Map.of("DATASET_ID", "x", "DATASET", "y")))
                .isInstanceOf(CliFailure.class)
                .hasMessage("--set names DATASET, which the definition does not use as ${NAME}");
    }

    @Test
    void aFileThatIsNotUtf8OrNotThereIsRefused() throws IOException {
        Path latin1 = Files.write(directory.resolve("latin1.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9});

        assertThatThrownBy(() -> PipelineFile.read(latin1, Map.of())).hasMessage(latin1 + " is not UTF-8 text");
        assertThatThrownBy(() -> PipelineFile.read(directory.resolve("missing.yaml"), Map.of()))
                .hasMessageStartingWith("cannot read " + directory.resolve("missing.yaml"));
    }
}
