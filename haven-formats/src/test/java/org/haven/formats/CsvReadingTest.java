package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.formats.Reading.readAll;
import static org.haven.formats.Reading.utf8;
import static org.haven.formats.Reading.values;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReadingTest {

    @Test
    void readsHeaderAndRowsWithTheirNumbersAndLines() throws IOException {
        try (RecordReader reader = RecordReaders.open(
                new ByteArrayInputStream(utf8("id,name\n1,Ada\n2,Grace\n")), Format.CSV)) {
            assertThat(reader.columns().names()).containsExactly("id", "name");
            Record first = reader.next().orElseThrow();
            assertThat(first.get("id")).isEqualTo("1");
            assertThat(first.get("name")).isEqualTo("Ada");
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.line()).isEqualTo(2);
            Record second = reader.next().orElseThrow();
            assertThat(second.toMap()).containsExactly(
                    Map.entry("id", "2"), Map.entry("name", "Grace"));
            assertThat(reader.recordNumber()).isEqualTo(2);
            assertThat(reader.line()).isEqualTo(3);
            assertThat(reader.next()).isEmpty();
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void quotedFieldsMayHoldDoubledQuotesDelimitersAndLineBreaks() throws IOException {
        String csv = "a,b,c\n"
                + "\"say \"\"hi\"\"\",\"x,y\",\"two\nlines\"\n"
                + "\"crlf\r\ninside\",\"\",plain\n";
        List<Record> records = readAll(csv, Format.CSV);
        assertThat(values(records)).containsExactly(
                List.of("say \"hi\"", "x,y", "two\nlines"),
                List.of("crlf\r\ninside", "", "plain"));
        assertThat(records.get(1).line()).isEqualTo(4);
    }

    @Test
    void emptyFieldsAnywhereInARow() throws IOException {
        assertThat(values(readAll("a,b,c\n,,\n,x,\n", Format.CSV)))
                .containsExactly(List.of("", "", ""), List.of("", "x", ""));
    }

    @Test
    void spacesAreData() throws IOException {
        assertThat(values(readAll("a,b\n 1 , two \n", Format.CSV))).containsExactly(List.of(" 1 ", " two "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void everyLineEndingEndsARow(String lineEnd) throws IOException {
        String csv = "a,b" + lineEnd + "1,2" + lineEnd + "3,4" + lineEnd;
        List<Record> records = readAll(csv, Format.CSV);
        assertThat(values(records)).containsExactly(List.of("1", "2"), List.of("3", "4"));
        assertThat(records).extracting(Record::line).containsExactly(2L, 3L);
    }

    @Test
    void mixedLineEndingsAndNoFinalLineBreak() throws IOException {
        List<Record> records = readAll("a\r\n1\n2\r3", Format.CSV);
        assertThat(values(records)).containsExactly(List.of("1"), List.of("2"), List.of("3"));
        assertThat(records).extracting(Record::line).containsExactly(2L, 3L, 4L);
    }

    @Test
    void emptyLinesAreNotRecordsButStillCountAsLines() throws IOException {
        List<Record> records = readAll("a,b\n\n1,2\r\n\r\n\n3,4\n\n\n", Format.CSV);
        assertThat(values(records)).containsExactly(List.of("1", "2"), List.of("3", "4"));
        assertThat(records).extracting(Record::line).containsExactly(3L, 6L);
    }

    @Test
    void aQuotedEmptyValueIsARecordInASingleColumnFile() throws IOException {
        assertThat(values(readAll("a\n\"\"\n\nx\n", Format.CSV))).containsExactly(List.of(""), List.of("x"));
    }

    @Test
    void headerOnlyFileHasColumnsAndNoRecords() throws IOException {
        try (RecordReader reader = RecordReaders.open(new ByteArrayInputStream(utf8("a,b\r\n")), Format.CSV)) {
            assertThat(reader.columns().names()).containsExactly("a", "b");
            assertThat(reader.next()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(chars = {',', ';', '\t', '|'})
    void eachDelimiter(char delimiter) throws IOException {
        String d = String.valueOf(delimiter);
        String csv = "a" + d + "b\n\"x" + d + "y\"" + d + "2\n";
        FormatOptions options = FormatOptions.builder().delimiter(delimiter).build();
        assertThat(values(readAll(utf8(csv), Format.CSV, options))).containsExactly(List.of("x" + d + "y", "2"));
    }

    @Test
    void otherDelimitersAreOrdinaryCharacters() throws IOException {
        FormatOptions semicolons = FormatOptions.builder().delimiter(';').build();
        assertThat(values(readAll(utf8("a;b\n1,5;2\n"), Format.CSV, semicolons))).containsExactly(List.of("1,5", "2"));
    }

    @Test
    void configurableQuoteCharacter() throws IOException {
        FormatOptions singleQuotes = FormatOptions.builder().quote('\'').build();
        assertThat(values(readAll(utf8("a,b\n'it''s, quoted',\"plain\"\"\n"), Format.CSV, singleQuotes)))
                .isEqualTo(List.of(List.of("it's, quoted", "\"plain\"\"")));
    }

    @Test
    void withoutAHeaderColumnsAreNumbered() throws IOException {
        FormatOptions noHeader = FormatOptions.builder().header(false).build();
        try (RecordReader reader = RecordReaders.open(new ByteArrayInputStream(utf8("x,y,z\n1,2,3\n")), Format.CSV,
                noHeader)) {
            assertThat(reader.columns().names()).containsExactly("c1", "c2", "c3");
            Record first = reader.next().orElseThrow();
            assertThat(first.values()).containsExactly("x", "y", "z");
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.line()).isEqualTo(1);
            assertThat(reader.next().orElseThrow().get("c3")).isEqualTo("3");
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() throws IOException {
        byte[] withBom = concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8("name,city\nZoë,Zürich\n"));
        try (RecordReader reader = RecordReaders.open(new ByteArrayInputStream(withBom), Format.CSV)) {
            assertThat(reader.columns().names()).containsExactly("name", "city");
            assertThat(reader.next().orElseThrow().get("city")).isEqualTo("Zürich");
        }
    }

    @Test
    void aByteOrderMarkLaterOnIsData() throws IOException {
        assertThat(values(readAll("a\n\uFEFFx\n", Format.CSV))).containsExactly(List.of("\uFEFFx"));
    }

    @Test
    void otherCharsetsDecodeWhenAsked() throws IOException {
        FormatOptions latin1 = FormatOptions.builder().charset(StandardCharsets.ISO_8859_1).build();
        byte[] csv = "a\ncafé\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(values(readAll(csv, Format.CSV, latin1))).containsExactly(List.of("café"));
    }

    @Test
    void multiByteCharactersAcrossBufferBoundaries() throws IOException {
        String value = "ü€𝄞".repeat(20_000);
        assertThat(values(readAll("a,b\n" + value + ",\"" + value + "\"\n", Format.CSV)))
                .containsExactly(List.of(value, value));
    }

    @Test
    void crlfSplitAcrossBufferBoundaries() throws IOException {
        StringBuilder csv = new StringBuilder("a\r\n");
        for (int i = 0; i < 50_000; i++) {
            csv.append(i).append("\r\n");
        }
        List<Record> records = readAll(csv.toString(), Format.CSV);
        assertThat(records).hasSize(50_000);
        assertThat(records.get(49_999).line()).isEqualTo(50_001);
        assertThat(records.get(49_999).get("a")).isEqualTo("49999");
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
