package org.haven.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.haven.formats.Columns;
import org.haven.formats.Record;
import org.haven.schema.RecordResult;
import org.haven.schema.RecordValidator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RejectsWriterTest {

    @Test
    void writesTheRawValuesRowNumberAndErrorKindsAsNdjson() throws Exception {
        Columns columns = Columns.of(List.of("nhs_number", "birth_date", "note", "extra"));
        Record record = new Record(columns, java.util.Arrays.asList("123", "31/02/1980", "say \"hi\"\n\u0001 😀",
                null), 7, 9);
        RecordResult result = RecordValidator.of(TestVersions.ALL_TYPES).validate(record.toMap());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RejectsWriter rejects = new RejectsWriter(out)) {
            rejects.reject(record, result.errors());
            Map<String, String> second = new LinkedHashMap<>();
            second.put("visits", "many");
            rejects.reject(8, 0, second, RecordValidator.of(TestVersions.ALL_TYPES).validate(second).errors());
            assertThat(rejects.count()).isEqualTo(2);
        }

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JsonMapper.shared().readTree(lines.get(0));
        assertThat(first.get("record").asLong()).isEqualTo(7);
        assertThat(first.get("line").asLong()).isEqualTo(9);
        assertThat(first.get("errors").toString()).isEqualTo("[{\"field\":\"nhs_number\",\"kind\":\"INVALID_NHS_NUMBER\"},"
                + "{\"field\":\"birth_date\",\"kind\":\"NOT_A_DATE\"},{\"field\":\"extra\",\"kind\":\"UNKNOWN_FIELD\"}]");
        assertThat(first.get("values").propertyNames()).containsExactly("nhs_number", "birth_date", "note", "extra");
        assertThat(first.get("values").get("note").stringValue()).isEqualTo("say \"hi\"\n\u0001 😀");
        assertThat(first.get("values").get("extra").isNull()).isTrue();
        assertThat(lines.get(1)).isEqualTo("{\"record\":8,\"line\":0,\"errors\":[{\"field\":\"visits\","
                + "\"kind\":\"NOT_AN_INTEGER\"}],\"values\":{\"visits\":\"many\"}}");
    }
}
