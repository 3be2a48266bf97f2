package org.haven.cli.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void drawsABarInPlaceAndEndsTheLineWhenFinished() {
        StringWriter err = new StringWriter();
        ProgressLine progress = new ProgressLine(new PrintWriter(err), 4 * 1024 * 1024, true);
        progress.advance(2 * 1024 * 1024);
        progress.finish();
        assertThat(err.toString()).startsWith("\r[").contains(" 50% 2.0 MiB / 4.0 MiB").endsWith(System.lineSeparator());
    }

    @Test
    void staysSilentWhenNotAtATerminal() {
        StringWriter err = new StringWriter();
        ProgressLine progress = new ProgressLine(new PrintWriter(err), 100, false);
        progress.advance(100);
        progress.finish();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(ProgressLine.size(512)).isEqualTo("512 B");
        assertThat(ProgressLine.size(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressLine.size(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
    }

    @Test
    void contentTypesAreGuessedFromTheExtension() {
        assertThat(UploadCommand.guessContentType(Path.of("a.CSV"))).isEqualTo("text/csv");
        assertThat(UploadCommand.guessContentType(Path.of("a.csv.gz"))).isEqualTo("application/gzip");
        assertThat(UploadCommand.guessContentType(Path.of("README"))).isEqualTo("application/octet-stream");
    }
}
