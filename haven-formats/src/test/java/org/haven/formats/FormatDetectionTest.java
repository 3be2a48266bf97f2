package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.formats.Reading.gzip;
import static org.haven.formats.Reading.utf8;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormatDetectionTest {

    @ParameterizedTest
    @CsvSource({
        "patients.csv, CSV", "patients.CSV.GZ, CSV", "a.b.csv.gz, CSV",
        "obs.json, JSON_ARRAY", "obs.json.gz, JSON_ARRAY",
        "obs.ndjson, NDJSON", "obs.jsonl, NDJSON", "obs.JSONL.gz, NDJSON",
        "part-0.parquet, PARQUET", "PART-0.PARQUET, PARQUET"})
    void fromFileName(String fileName, Format expected) {
        assertThat(FormatDetection.fromFileName(fileName)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"data.parquet.gz", "data.gz", "csv", "data.csv.zip", "data.txt", ""})
    void unknownFileNames(String fileName) {
        assertThat(FormatDetection.fromFileName(fileName)).isEmpty();
    }

    @Test
    void fromContent() {
        assertThat(FormatDetection.fromContent(utf8("  \n[{\"a\":1}]"))).contains(Format.JSON_ARRAY);
        assertThat(FormatDetection.fromContent(utf8("{\"a\":1}\n{\"a\":2}"))).contains(Format.NDJSON);
        assertThat(FormatDetection.fromContent(utf8("id,name\n1,x\n"))).contains(Format.CSV);
        assertThat(FormatDetection.fromContent(utf8("\uFEFF[]"))).contains(Format.JSON_ARRAY);
        assertThat(FormatDetection.fromContent(utf8(" \r\n"))).isEmpty();
        assertThat(FormatDetection.fromContent(new byte[0])).isEmpty();
        assertThat(FormatDetection.fromContent(new byte[] {'P', 'A', 'R', '1', 0, 0})).contains(Format.PARQUET);
        assertThat(FormatDetection.fromContent(new byte[] {'P', 'A', 'R'})).contains(Format.CSV);
        assertThat(FormatDetection.fromContent(new byte[] {'x', 0, 'P', 'A', 'R', '1'})).isEmpty();
    }

    @Test
    void fromTheStartOfGzippedContent() {
        byte[] compressed = gzip(utf8("{\"id\":1}\n".repeat(10_000)));
        assertThat(FormatDetection.fromContent(Arrays.copyOf(compressed, 64))).contains(Format.NDJSON);
        assertThat(FormatDetection.fromContent(gzip(utf8("a,b\n")))).contains(Format.CSV);
    }

    @Test
    void theFileNameWinsOverTheContent() {
        assertThat(FormatDetection.detect("x.csv", utf8("[1]"))).contains(Format.CSV);
        assertThat(FormatDetection.detect("upload.bin", utf8("[{}]"))).contains(Format.JSON_ARRAY);
        assertThat(FormatDetection.detect(null, utf8("a\n"))).contains(Format.CSV);
    }
}
