package org.haven.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.haven.formats.Format;
import org.haven.formats.Record;
import org.haven.formats.RecordReader;
import org.haven.formats.RecordReaders;
import org.haven.schema.DataType;
import org.haven.schema.ErrorKind;
import org.haven.schema.FieldError;
import org.haven.schema.IdentifierType;
import org.haven.schema.RecordResult;
import org.haven.schema.RecordValidator;
import org.haven.schema.Schema;
import org.haven.schema.SchemaJson;
import org.junit.jupiter.api.Test;

/** The demo data of the README tour is what examples/demo/README.md says it is. */
class DemoDataTest {

    private static final Path DEMO = Path.of("..", "examples", "demo");

    @Test
    void theSchemaHasTwelveFieldsTwoDirectAndThreeIndirect() throws IOException {
        Schema schema = SchemaJson.parse(Files.readString(DEMO.resolve("patients.schema.json")));

        assertThat(schema.fields()).hasSize(12);
        assertThat(schema.fields().stream().filter(field -> field.identifierType() == IdentifierType.DIRECT)).hasSize(2);
        assertThat(schema.fields().stream().filter(field -> field.identifierType() == IdentifierType.INDIRECT)).hasSize(3);
        assertThat(schema.field("nhs_number").orElseThrow().dataType()).isEqualTo(DataType.NHS_NUMBER);
        assertThat(schema.field("sex").orElseThrow().codeList()).containsExactly("F", "M", "U");
    }

    @Test
    void everyRowIsValidExceptTheDocumentedOnes() throws IOException {
        Schema schema = SchemaJson.parse(Files.readString(DEMO.resolve("patients.schema.json")));
        RecordValidator validator = RecordValidator.of(schema);
        Map<Long, List<String>> invalid = new LinkedHashMap<>();
        long rows = 0;
        try (InputStream in = Files.newInputStream(DEMO.resolve("patients.csv"));
                RecordReader reader = RecordReaders.open(in, Format.CSV)) {
            for (Optional<Record> next = reader.next(); next.isPresent(); next = reader.next()) {
                rows++;
                RecordResult result = validator.validate(next.get().toMap());
                if (!result.isValid()) {
                    List<String> errors = new ArrayList<>();
                    for (FieldError error : result.errors()) {
                        errors.add(error.fieldName() + ":" + error.kind());
                    }
                    invalid.put(next.get().number(), errors);
                }
            }
        }

        assertThat(rows).isEqualTo(200);
        assertThat(invalid).containsExactly(
                Map.entry(23L, List.of("nhs_number:" + ErrorKind.INVALID_NHS_NUMBER)),
                Map.entry(57L, List.of("postcode:" + ErrorKind.INVALID_POSTCODE)),
                Map.entry(88L, List.of("date_of_birth:" + ErrorKind.NOT_A_DATE)),
                Map.entry(121L, List.of("sex:" + ErrorKind.NOT_IN_CODE_LIST)),
                Map.entry(150L, List.of("email:" + ErrorKind.INVALID_EMAIL)),
                Map.entry(176L, List.of("height_cm:" + ErrorKind.OUT_OF_RANGE)),
                Map.entry(199L, List.of("nhs_number:" + ErrorKind.MISSING_REQUIRED)));
    }
}
