package org.haven.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.haven.formats.Format;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every data type, nulls and edge values survive validate, write, export in each format, read and validate again:
 * the typed values that come back equal the ones written (decimals by value, date-times by instant).
 */
class RoundTripTest {

    @TempDir
    Path temp;
    DuckDbSession session;

    @BeforeEach
    void open() {
        session = DuckDbSession.inMemory(TestVersions.settings(temp));
    }

    @AfterEach
    void close() {
        session.close();
    }

    static List<Map<String, String>> edgeRows() {
        return List.of(
                row("9434765919", "a.b@example.org", "SW1A 1AA", "2024-02-29", "F",
                        "plain", "0", "0", "true", "2024-05-01T09:30:00Z"),
                row("943 476 5870", "z@mail.example.co.uk", "m1 1ae", "0001-01-01", "M",
                        "quote \" comma , and\nnew line\r\nCRLF", "9223372036854775807", "-12345678901234567.123456789",
                        "FALSE", "1999-12-31T23:59:59.123456+05:30"),
                row("9876543210", "x@y.example", "GIR 0AA", "9999-12-31", "U",
                        "Unicode: é 漢字 😀 \u200b", "-9223372036854775808", "0.000000001", "false",
                        "2024-01-01T00:00-08:00"),
                row(null, null, null, null, null, null, null, null, null, null),
                row("9434765919", "", "", "", "", "   padded   ", "", "1.10", "", ""),
                row("9434765919", null, null, null, null, "=SUM(A1) 'single' \\backslash\\ \ttab", "42",
                        "100", null, "2024-06-30T12:00:00.5Z"));
    }

    private static Map<String, String> row(String nhs, String email, String postcode, String birthDate, String sex,
            String note, String visits, String weight, String smoker, String seenAt) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("nhs_number", nhs);
        row.put("email", email);
        row.put("postcode", postcode);
        row.put("birth_date", birthDate);
        row.put("sex", sex);
        row.put("note", note);
        row.put("visits", visits);
        row.put("weight", weight);
        row.put("smoker", smoker);
        row.put("seen_at", seenAt);
        return row;
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void everyTypeRoundTrips(ExportFormat format) throws IOException {
        List<Map<String, Object>> written = TestVersions.typed(TestVersions.ALL_TYPES, edgeRows());
        Path version = temp.resolve("v1");
        WrittenVersion files = TestVersions.write(session, TestVersions.ALL_TYPES, version, written);
        DatasetManifest manifest = TestVersions.manifest(TestVersions.ALL_TYPES, files);

        byte[] exported = TestVersions.export(session, version, manifest, format, List.of());
        List<Map<String, Object>> read = TestVersions.readTyped(TestVersions.ALL_TYPES, TestVersions.stream(exported),
                switch (format) {
                    case CSV -> Format.CSV;
                    case NDJSON -> Format.NDJSON;
                    case PARQUET -> Format.PARQUET;
                });

        assertThat(read).hasSize(written.size());
        for (int i = 0; i < written.size(); i++) {
            assertThat(comparable(read.get(i))).as("row " + (i + 1)).isEqualTo(comparable(written.get(i)));
        }
    }

    @Test
    void versionRecordsReadBackTheTypedValuesThatWereWritten() {
        List<Map<String, Object>> written = TestVersions.typed(TestVersions.ALL_TYPES, edgeRows());
        Path version = temp.resolve("v1");
        DatasetManifest manifest = TestVersions.manifest(TestVersions.ALL_TYPES,
                TestVersions.write(session, TestVersions.ALL_TYPES, version, written));

        List<Map<String, Object>> read = new ArrayList<>();
        try (VersionRecords records = VersionRecords.open(session, version, manifest)) {
            for (Optional<Map<String, Object>> next = records.next(); next.isPresent(); next = records.next()) {
                read.add(next.get());
            }
            assertThat(records.recordsRead()).isEqualTo(written.size());
        }
        assertThat(read).hasSize(written.size());
        for (int i = 0; i < written.size(); i++) {
            assertThat(comparable(read.get(i))).as("row " + (i + 1)).isEqualTo(comparable(written.get(i)));
            assertThat(read.get(i).values()).allSatisfy(value -> assertThat(value).isNotNull());
        }
        assertThat(read.get(1).get("seen_at")).isInstanceOf(OffsetDateTime.class);
        assertThat(((OffsetDateTime) read.get(1).get("seen_at")).getOffset()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(read.get(0).get("visits")).isEqualTo(0L);
        assertThat(read.get(0).get("birth_date")).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
    }

    /** Decimals compared by value (the column has one scale), date-times by instant (stored in UTC). */
    private static Map<String, Object> comparable(Map<String, Object> values) {
        Map<String, Object> comparable = new HashMap<>();
        values.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (value instanceof BigDecimal decimal) {
                comparable.put(name, decimal.stripTrailingZeros().toPlainString());
            } else if (value instanceof OffsetDateTime dateTime) {
                comparable.put(name, dateTime.toInstant());
            } else {
                comparable.put(name, value);
            }
        });
        return comparable;
    }
}
