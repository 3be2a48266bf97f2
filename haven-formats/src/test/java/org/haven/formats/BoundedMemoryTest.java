package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Streams far larger than the heap read through in a child JVM limited to 64 MB: memory stays bounded by the limits,
 * not by the size of the input.
 */
class BoundedMemoryTest {

    private static final String HEAP_LIMIT = "-Xmx64m";
    private static final long CSV_BYTES = 300L * 1024 * 1024;
    private static final long NDJSON_BYTES = 200L * 1024 * 1024;
    private static final Pattern SUMMARY =
            Pattern.compile("generated=(\\d+) read=(\\d+) valueChars=(\\d+) peakHeapBytes=(\\d+)");

    @Test
    void aCsvStreamMuchLargerThanTheHeap() throws Exception {
        assertReadsWithinTheHeap(Format.CSV, CSV_BYTES);
    }

    @Test
    void anNdjsonStreamLargerThanTheHeap() throws Exception {
        assertReadsWithinTheHeap(Format.NDJSON, NDJSON_BYTES);
    }

    private static void assertReadsWithinTheHeap(Format format, long size) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), HEAP_LIMIT, "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), LargeStreamProgram.class.getName(), format.name(),
                Long.toString(size)))
                .redirectErrorStream(true)
                .start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        Matcher summary = SUMMARY.matcher(output);
        assertThat(summary.find()).as(output).isTrue();
        long generated = Long.parseLong(summary.group(1));
        assertThat(generated).isGreaterThan(size / 100);
        assertThat(Long.parseLong(summary.group(2))).isEqualTo(generated);
        assertThat(Long.parseLong(summary.group(4))).isLessThan(64L * 1024 * 1024).isLessThan(size / 4);
    }
}
