package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.haven.formats.Reading.failure;
import static org.haven.formats.Reading.gzip;
import static org.haven.formats.Reading.utf8;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.haven.formats.FormatException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One bad input per {@link Problem}, each holding a recognisable secret value: the failure must name the problem
 * and its position, and its message must never repeat the secret.
 */
class FormatProblemsTest {

    private static final String SECRET = "s3cr3tV4lue";
    private static final FormatOptions DEFAULTS = FormatOptions.defaults();

    record BadInput(Problem problem, Format format, FormatOptions options, byte[] input, long line, long record) {

        BadInput(Problem problem, Format format, String input, long line, long record) {
            this(problem, format, DEFAULTS, utf8(input), line, record);
        }

        @Override
        public String toString() {
            return problem + " (" + format + ")";
        }
    }

    static List<BadInput> badInputs() {
        String deepArrays = "[".repeat(10) + "]".repeat(10);
        return List.of(
                new BadInput(Problem.EMPTY_INPUT, Format.CSV, "", 1, 0),
                new BadInput(Problem.EMPTY_INPUT, Format.CSV, "\n\r\n", 3, 0),
                new BadInput(Problem.EMPTY_INPUT, Format.JSON_ARRAY, "", 1, 0),
                new BadInput(Problem.EMPTY_INPUT, Format.NDJSON, " \n \n", 3, 0),
                new BadInput(Problem.EMPTY_HEADER, Format.CSV, "a,,c\n1," + SECRET + ",3\n", 1, 0),
                new BadInput(Problem.EMPTY_HEADER, Format.CSV, "a, \n", 1, 0),
                new BadInput(Problem.EMPTY_HEADER, Format.NDJSON, "{\"\":\"" + SECRET + "\"}", 1, 1),
                new BadInput(Problem.DUPLICATE_COLUMN, Format.CSV, "a,b,a\n", 1, 0),
                new BadInput(Problem.DUPLICATE_COLUMN, Format.JSON_ARRAY,
                        "[{\"a\":1,\"a\":\"" + SECRET + "\"}]", 1, 1),
                new BadInput(Problem.DUPLICATE_COLUMN, Format.NDJSON,
                        "{\"a\":1,\"b\":2}\n{\"b\":1,\"b\":\"" + SECRET + "\"}", 2, 2),
                new BadInput(Problem.UNBALANCED_QUOTE, Format.CSV, "a,b\n1,2\n3,\"" + SECRET + "\n4,5\n", 3, 2),
                new BadInput(Problem.MISPLACED_QUOTE, Format.CSV, "a,b\n1,x\"" + SECRET + "\n", 2, 1),
                new BadInput(Problem.MISPLACED_QUOTE, Format.CSV, "a,b\n1,\"" + SECRET + "\"x\n", 2, 1),
                new BadInput(Problem.RAGGED_ROW, Format.CSV, "a,b\n1,2\n1,2," + SECRET + "\n", 3, 2),
                new BadInput(Problem.RAGGED_ROW, Format.CSV, "a,b\n" + SECRET + "\n", 2, 1),
                new BadInput(Problem.INVALID_ENCODING, Format.CSV, DEFAULTS,
                        CsvReadingTest.concat(utf8("a,b\n1,2\n3,"), new byte[] {(byte) 0xe9, 'x', '\n'}), 3, 2),
                new BadInput(Problem.INVALID_ENCODING, Format.CSV, DEFAULTS,
                        new byte[] {(byte) 0xff, (byte) 0xfe, 'a', 0, '\n', 0}, 1, 0),
                new BadInput(Problem.INVALID_ENCODING, Format.NDJSON, DEFAULTS,
                        CsvReadingTest.concat(utf8("{\"a\":\"1\"}\n{\"a\":\""), new byte[] {(byte) 0xc3, '"', '}'}),
                        2, 2),
                new BadInput(Problem.NUL_BYTE, Format.CSV, "a,b\n1," + SECRET + "\0\n", 2, 1),
                new BadInput(Problem.NUL_BYTE, Format.NDJSON, "{\"a\":\"" + SECRET + "\\u0000\"}", 1, 1),
                new BadInput(Problem.RECORD_TOO_LARGE, Format.CSV, FormatOptions.builder().maxRecordBytes(20).build(),
                        utf8("a,b\n1,2\n" + SECRET + "," + SECRET + "\n"), 3, 2),
                new BadInput(Problem.RECORD_TOO_LARGE, Format.JSON_ARRAY,
                        FormatOptions.builder().maxRecordBytes(20).build(),
                        utf8("[{\"a\":\"" + SECRET + "\",\"b\":\"" + SECRET + "\"}]"), 1, 1),
                new BadInput(Problem.FIELD_TOO_LARGE, Format.CSV, FormatOptions.builder().maxFieldBytes(5).build(),
                        utf8("a,b\n1,\"" + SECRET + "\"\n"), 2, 1),
                new BadInput(Problem.FIELD_TOO_LARGE, Format.NDJSON, FormatOptions.builder().maxFieldBytes(5).build(),
                        utf8("{\"a\":\"" + SECRET + "\"}"), 1, 1),
                new BadInput(Problem.FIELD_TOO_LARGE, Format.NDJSON, FormatOptions.builder().maxFieldBytes(8).build(),
                        utf8("{\"a\":[1,2,3,4,5,6,7]}"), 1, 1),
                new BadInput(Problem.TOO_MANY_COLUMNS, Format.CSV, FormatOptions.builder().maxColumns(2).build(),
                        utf8("a,b,c\n"), 1, 0),
                new BadInput(Problem.TOO_MANY_COLUMNS, Format.NDJSON, FormatOptions.builder().maxColumns(1).build(),
                        utf8("{\"a\":1,\"b\":\"" + SECRET + "\"}"), 1, 1),
                new BadInput(Problem.TOO_MANY_RECORDS, Format.CSV, FormatOptions.builder().maxRecords(1).build(),
                        utf8("a\n1\n" + SECRET + "\n"), 3, 2),
                new BadInput(Problem.TOO_MANY_RECORDS, Format.JSON_ARRAY,
                        FormatOptions.builder().maxRecords(1).build(), utf8("[{\"a\":1},\n{\"a\":2}]"), 2, 2),
                new BadInput(Problem.NESTING_TOO_DEEP, Format.JSON_ARRAY,
                        FormatOptions.builder().maxNestingDepth(4).build(),
                        utf8("[{\"a\":" + deepArrays + "}]"), 1, 1),
                new BadInput(Problem.NESTING_TOO_DEEP, Format.NDJSON, FormatOptions.builder().maxNestingDepth(4).build(),
                        utf8("{\"a\":1}\n{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}"), 2, 2),
                new BadInput(Problem.DECOMPRESSED_TOO_LARGE, Format.CSV,
                        FormatOptions.builder().maxDecompressedBytes(100).build(),
                        gzip(utf8("a,b\n" + (SECRET + "," + SECRET + "\n").repeat(100))), 0, 0),
                new BadInput(Problem.CORRUPT_COMPRESSION, Format.CSV, DEFAULTS,
                        Arrays.copyOf(gzip(utf8("a,b\n" + (SECRET + ",x\n").repeat(100))), 30), 0, 0),
                new BadInput(Problem.NOT_A_JSON_ARRAY, Format.JSON_ARRAY, "{\"a\":\"" + SECRET + "\"}", 1, 0),
                new BadInput(Problem.NOT_AN_OBJECT, Format.JSON_ARRAY, "[\n\"" + SECRET + "\"]", 2, 1),
                new BadInput(Problem.NOT_AN_OBJECT, Format.JSON_ARRAY, "[" + deepArrays + "]", 1, 1),
                new BadInput(Problem.NOT_AN_OBJECT, Format.NDJSON, "{\"a\":1}\n[\"" + SECRET + "\"]", 2, 2),
                new BadInput(Problem.UNKNOWN_COLUMN, Format.NDJSON, "{\"a\":1}\n{\"b\":\"" + SECRET + "\"}", 2, 2),
                new BadInput(Problem.MALFORMED_JSON, Format.JSON_ARRAY, "[{\"a\":" + SECRET + "}]", 1, 1),
                new BadInput(Problem.MALFORMED_JSON, Format.JSON_ARRAY, "[{\"a\":\"" + SECRET + "\"}", 1, 0),
                new BadInput(Problem.MALFORMED_JSON, Format.JSON_ARRAY, "[{\"a\":1}] " + SECRET, 1, 0),
                new BadInput(Problem.MALFORMED_JSON, Format.JSON_ARRAY, "[{\"a\":1}] {\"a\":2}", 1, 0),
                new BadInput(Problem.MALFORMED_JSON, Format.NDJSON, "{\"a\":1} {\"a\":\"" + SECRET + "\"}", 1, 2),
                new BadInput(Problem.MALFORMED_JSON, Format.NDJSON, "{\"a\":\n\"" + SECRET + "\"}", 2, 1),
                new BadInput(Problem.MALFORMED_JSON, Format.NDJSON, "{\"a\":\"\\q" + SECRET + "\"}", 1, 1),
                new BadInput(Problem.FORMAT_NOT_AVAILABLE, Format.PARQUET, "PAR1" + SECRET, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void failsWithTheProblemAndItsPositionButNotTheData(BadInput bad) {
        FormatException failure = failure(bad.input(), bad.format(), bad.options());

        assertThat(failure.problem()).isEqualTo(bad.problem());
        assertThat(failure.recordNumber()).as("record number").isEqualTo(bad.record());
        if (bad.line() > 0) {
            assertThat(failure.line()).as("line").isEqualTo(bad.line());
        }
        assertThat(failure.getMessage()).startsWith(bad.problem().name()).doesNotContain(SECRET).doesNotContain("s3cr");
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET);
        }
    }

    @Test
    void everyProblemHasABadInput() {
        Set<Problem> covered = badInputs().stream().map(BadInput::problem).collect(Collectors.toSet());
        // Parquet is read by a provider in haven-datasets, whose tests cover its malformed input.
        assertThat(covered).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.of(Problem.MALFORMED_PARQUET)));
    }

    @Test
    void raggedRowSaysExpectedAndFound() {
        FormatException failure = failure("a,b,c\n1,2\n", Format.CSV, DEFAULTS);
        assertThat(failure.getMessage()).isEqualTo(
                "RAGGED_ROW at line 2, record 1: a row has a different number of fields than the header"
                        + " (expected 3 fields, found 2)");
    }

    @Test
    void aFailedReaderKeepsFailing() throws Exception {
        try (RecordReader reader = RecordReaders.open(new ByteArrayInputStream(utf8("a\n1\n\"x\n")), Format.CSV)) {
            assertThat(reader.next()).isPresent();
            FormatException first = catchThrowableOfType(FormatException.class, reader::next);
            FormatException second = catchThrowableOfType(FormatException.class, reader::next);
            assertThat(first).isNotNull();
            assertThat(second).isSameAs(first);
        }
    }
}
