package org.haven.server.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rows a serving-table load sends through COPY and the hashes that decide whether a row changed. */
class ServingRowTest {

    private static final List<String> COLUMNS = List.of("patient_id", "family_name", "birth_date", "last_updated",
            "value");

    @Test
    void aLineQuotesEveryValueAndLeavesAbsentOnesEmptyForNull() {
        Map<String, Object> record = Map.of("patient_id", "p1", "family_name", "O'Brien, \"Jr\"\nSr",
                "birth_date", LocalDate.of(1970, 1, 2),
                "last_updated", OffsetDateTime.of(2024, 2, 1, 8, 30, 0, 0, ZoneOffset.UTC),
                "value", new BigDecimal("1E+2"));
        String line = CopyCsv.line(COLUMNS, record, new byte[] {0x0a, (byte) 0xff}, 7);
        assertThat(line).isEqualTo("\"p1\",\"O'Brien, \"\"Jr\"\"\nSr\",\"1970-01-02\",\"2024-02-01T08:30:00Z\","
                + "\"100\",\"\\x0aff\",7\n");

        assertThat(CopyCsv.line(COLUMNS, Map.of("patient_id", "p1"), new byte[] {1}, 1))
                .isEqualTo("\"p1\",,,,,\"\\x01\",1\n");
        assertThat(CopyCsv.line(COLUMNS, Map.of("patient_id", "p1", "family_name", ""), new byte[] {1}, 1))
                .startsWith("\"p1\",\"\",,");
    }

    @Test
    void aRowMadeBeforeNumberingBecomesTheSameLineOnceNumbered() {
        Map<String, Object> record = Map.of("patient_id", "p1", "value", new BigDecimal("5.40"));
        byte[] hash = ContentHash.of(COLUMNS, record);
        assertThat(CopyCsv.row(COLUMNS, record, hash) + ",42\n").isEqualTo(CopyCsv.line(COLUMNS, record, hash, 42));
        // A value keeps the scale its resource gave it: the row and the hash depend on that record alone.
        assertThat(CopyCsv.row(COLUMNS, record, hash)).contains("\"5.40\"");
        assertThat(ContentHash.of(COLUMNS, Map.of("patient_id", "p1", "value", new BigDecimal("5.4"))))
                .isNotEqualTo(hash);
    }

    @Test
    void theHashChangesWithAnyValueAndTellsAbsentFromEmpty() {
        Map<String, Object> record = new HashMap<>(Map.of("patient_id", "p1", "family_name", "Smith"));
        byte[] hash = ContentHash.of(COLUMNS, record);
        assertThat(ContentHash.of(COLUMNS, Map.copyOf(record))).isEqualTo(hash).hasSize(32);

        record.put("family_name", "Smyth");
        assertThat(ContentHash.of(COLUMNS, record)).isNotEqualTo(hash);
        assertThat(ContentHash.of(COLUMNS, Map.of("patient_id", "p1", "family_name", "")))
                .isNotEqualTo(ContentHash.of(COLUMNS, Map.of("patient_id", "p1")));
        // A value cannot borrow from its neighbour: "ab" + "" differs from "a" + "b".
        assertThat(ContentHash.of(COLUMNS, Map.of("patient_id", "ab", "family_name", "")))
                .isNotEqualTo(ContentHash.of(COLUMNS, Map.of("patient_id", "a", "family_name", "b")));
    }

    @Test
    void theMergeRewritesOnlyChangedRowsAndKeepsFirstSeen() {
        String merge = ServingTableLoader.mergeSql(ServingTable.PATIENTS);
        assertThat(merge).contains("WHEN MATCHED AND target.content_hash <> staged.content_hash THEN UPDATE SET",
                "updated_at = now()", "WHEN NOT MATCHED THEN INSERT").doesNotContain("first_seen_at", "DELETE");
        assertThat(merge).doesNotContain("patient_id = staged.patient_id,");
    }
}
