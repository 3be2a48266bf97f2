package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.formats.Reading.readAll;
import static org.haven.formats.Reading.utf8;
import static org.haven.formats.Reading.values;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.haven.formats.FormatException.Problem;
import org.junit.jupiter.api.Test;

class JsonReadingTest {

    @Test
    void arrayOfObjectsWithValuesAsText() throws IOException {
        String json = "[\n"
                + "  {\"id\": 1, \"score\": 1.10, \"big\": 123456789012345678901234567890, \"ok\": true, \"note\": null,"
                + " \"name\": \"Zo\\u00eb \\\"Z\\\"\"},\n"
                + "  {\"id\": -2e3, \"score\": 0, \"big\": 1, \"ok\": false, \"note\": \"x\", \"name\": \"\"}\n"
                + "]";
        List<Record> records = readAll(json, Format.JSON_ARRAY);
        assertThat(records.get(0).columns().names()).containsExactly("id", "score", "big", "ok", "note", "name");
        assertThat(values(records)).containsExactly(
                Arrays.asList("1", "1.10", "123456789012345678901234567890", "true", null, "Zoë \"Z\""),
                Arrays.asList("-2e3", "0", "1", "false", "x", ""));
        assertThat(records).extracting(Record::line).containsExactly(2L, 3L);
        assertThat(records).extracting(Record::number).containsExactly(1L, 2L);
    }

    @Test
    void nestedObjectsAndArraysBecomeCompactJson() throws IOException {
        String json = "[{\"id\": 1, \"tags\": [ \"a\", 2, null, true, [] ],"
                + " \"address\": { \"line\": \"1 \\\"High\\\" St\\n\", \"geo\": {\"lat\": 51.5, \"lon\": -0.1} }}]";
        Record record = readAll(json, Format.JSON_ARRAY).get(0);
        assertThat(record.get("tags")).isEqualTo("[\"a\",2,null,true,[]]");
        assertThat(record.get("address"))
                .isEqualTo("{\"line\":\"1 \\\"High\\\" St\\n\",\"geo\":{\"lat\":51.5,\"lon\":-0.1}}");
    }

    @Test
    void laterRecordsMayLeaveKeysOutOrReorderThem() throws IOException {
        List<Record> records = readAll("[{\"a\":1,\"b\":2},{\"b\":3},{\"b\":4,\"a\":5},{}]", Format.JSON_ARRAY);
        assertThat(values(records)).containsExactly(
                List.of("1", "2"), Arrays.asList(null, "3"), List.of("5", "4"), Arrays.asList(null, null));
    }

    @Test
    void emptyArrayHasNoColumnsAndNoRecords() throws IOException {
        try (RecordReader reader = RecordReaders.open(new ByteArrayInputStream(utf8(" [ ] \n")), Format.JSON_ARRAY)) {
            assertThat(reader.columns().names()).isEmpty();
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void columnsAreKnownAsSoonAsTheReaderIsOpen() throws IOException {
        try (RecordReader reader = RecordReaders.open(
                new ByteArrayInputStream(utf8("{\"x\":1,\"y\":2}\n{\"y\":3}\n")), Format.NDJSON)) {
            assertThat(reader.format()).isEqualTo(Format.NDJSON);
            assertThat(reader.columns().names()).containsExactly("x", "y");
            assertThat(reader.recordNumber()).isZero();
            assertThat(reader.next().orElseThrow().get("x")).isEqualTo("1");
            assertThat(reader.next().orElseThrow().get("y")).isEqualTo("3");
            assertThat(reader.next()).isEmpty();
            assertThat(reader.recordNumber()).isEqualTo(2);
            assertThat(reader.line()).isEqualTo(2);
        }
    }

    @Test
    void ndjsonSkipsBlankLinesAndAcceptsCrlf() throws IOException {
        List<Record> records = readAll("\n{\"a\":\"1\"}\r\n\r\n  \n{\"a\":\"2\"}\r\n\n", Format.NDJSON);
        assertThat(values(records)).containsExactly(List.of("1"), List.of("2"));
        assertThat(records).extracting(Record::line).containsExactly(2L, 5L);
    }

    @Test
    void ndjsonWithByteOrderMarkAndNoFinalLineBreak() throws IOException {
        byte[] input = CsvReadingTest.concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                utf8("{\"a\":1}\n{\"a\":2}"));
        assertThat(values(readAll(input, Format.NDJSON, FormatOptions.defaults())))
                .containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void nestingUpToTheLimitIsAccepted() throws IOException {
        FormatOptions depthThree = FormatOptions.builder().maxNestingDepth(3).build();
        List<Record> records = readAll(utf8("{\"a\":{\"b\":[1]}}"), Format.NDJSON, depthThree);
        assertThat(records.get(0).get("a")).isEqualTo("{\"b\":[1]}");
        assertThat(Reading.failure("{\"a\":{\"b\":[[1]]}}", Format.NDJSON, depthThree).problem())
                .isEqualTo(Problem.NESTING_TOO_DEEP);
    }

    @Test
    void aNestingBombFailsFastWithoutOverflowingTheStack() {
        String bomb = "[{\"a\":" + "[".repeat(500_000) + "]".repeat(500_000) + "}]";
        long started = System.nanoTime();
        FormatException failure = Reading.failure(bomb, Format.JSON_ARRAY, FormatOptions.defaults());
        assertThat(failure.problem()).isEqualTo(Problem.NESTING_TOO_DEEP);
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }

    @Test
    void aTopLevelNestingBombIsNotAnObject() {
        String bomb = "[".repeat(500_000);
        assertThat(Reading.failure(bomb, Format.JSON_ARRAY, FormatOptions.defaults()).problem())
                .isEqualTo(Problem.NOT_AN_OBJECT);
        assertThat(Reading.failure(bomb, Format.NDJSON, FormatOptions.defaults()).problem())
                .isEqualTo(Problem.NOT_AN_OBJECT);
    }

    @Test
    void aHugeStringFailsAtTheFieldLimit() {
        FormatOptions small = FormatOptions.builder().maxFieldBytes(1000).build();
        String json = "[{\"a\":\"" + "x".repeat(1_000_000) + "\"}]";
        assertThat(Reading.failure(json, Format.JSON_ARRAY, small).problem()).isEqualTo(Problem.FIELD_TOO_LARGE);
    }

    @Test
    void fieldLimitCountsUtf8Bytes() throws IOException {
        FormatOptions fourBytes = FormatOptions.builder().maxFieldBytes(4).build();
        assertThat(readAll(utf8("{\"a\":\"€x\"}"), Format.NDJSON, fourBytes)).hasSize(1);
        assertThat(Reading.failure("{\"a\":\"€€\"}", Format.NDJSON, fourBytes).problem())
                .isEqualTo(Problem.FIELD_TOO_LARGE);
    }
}
