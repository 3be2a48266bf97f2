package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any table written as CSV by a straightforward writer reads back exactly, whatever delimiter, quote or line end. */
class CsvRoundTripPropertiesTest {

    /** Syntax characters of every dialect under test, plus text that must survive as it is. */
    private static final String VALUE_CHARACTERS = "ab Z09,;|\t\"'\r\n\u00e9\u20ac~";

    record Table(char delimiter, char quote, String lineEnd, boolean header, List<String> names,
            List<List<String>> rows) {

        String toCsv() {
            StringBuilder csv = new StringBuilder();
            if (header) {
                appendRow(csv, names);
            }
            rows.forEach(row -> appendRow(csv, row));
            return csv.toString();
        }

        private void appendRow(StringBuilder csv, List<String> row) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    csv.append(delimiter);
                }
                csv.append(field(row.get(i)));
            }
            csv.append(lineEnd);
        }

        /** Quotes a value that holds a delimiter, quote or line break, and an empty one (else its line is blank). */
        private String field(String value) {
            boolean needsQuotes = value.isEmpty() || value.indexOf(delimiter) >= 0 || value.indexOf(quote) >= 0
                    || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
            if (!needsQuotes) {
                return value;
            }
            String q = String.valueOf(quote);
            return q + value.replace(q, q + q) + q;
        }

        FormatOptions options() {
            return FormatOptions.builder().delimiter(delimiter).quote(quote).header(header).build();
        }

        List<String> expectedColumns() {
            if (header) {
                return names;
            }
            List<String> generated = new ArrayList<>();
            for (int i = 1; i <= names.size(); i++) {
                generated.add("c" + i);
            }
            return generated;
        }
    }

    @Property(tries = 300)
    void writtenTablesReadBackIdentically(@ForAll("tables") Table table) throws IOException {
        List<Record> records = Reading.readAll(Reading.utf8(table.toCsv()), Format.CSV, table.options());

        assertThat(Reading.values(records)).isEqualTo(table.rows());
        for (Record record : records) {
            assertThat(record.columns().names()).isEqualTo(table.expectedColumns());
        }
    }

    @Provide
    Arbitrary<Table> tables() {
        Arbitrary<Character> delimiters = Arbitraries.of(',', ';', '\t', '|');
        Arbitrary<Character> quotes = Arbitraries.of('"', '\'');
        Arbitrary<String> lineEnds = Arbitraries.of("\n", "\r\n", "\r");
        Arbitrary<Boolean> headers = Arbitraries.of(true, false);
        Arbitrary<Integer> widths = Arbitraries.integers().between(1, 6);
        return Combinators.combine(delimiters, quotes, lineEnds, headers, widths).flatAs(
                (delimiter, quote, lineEnd, header, width) -> Combinators.combine(names(width), rows(width, header))
                        .as((names, rows) -> new Table(delimiter, quote, lineEnd, header, names, rows)));
    }

    private static Arbitrary<List<String>> names(int width) {
        return values().filter(name -> !name.isBlank()).list().ofSize(width).uniqueElements();
    }

    /** Without a header the first row fixes the width, so there must be one. */
    private static Arbitrary<List<List<String>>> rows(int width, boolean header) {
        return values().list().ofSize(width).list().ofMinSize(header ? 0 : 1).ofMaxSize(15);
    }

    private static Arbitrary<String> values() {
        return Arbitraries.strings().withChars(VALUE_CHARACTERS).ofMaxLength(12)
                .map(value -> value.replace("~", "\uD834\uDD1E"));
    }
}
