package org.haven.datasets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.haven.formats.Format;
import org.haven.formats.Record;
import org.haven.formats.RecordReader;
import org.haven.formats.RecordReaders;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.RecordResult;
import org.haven.schema.RecordValidator;
import org.haven.schema.Schema;

/** A schema with every data type, and small steps shared by the tests: write a version, read records back. */
final class TestVersions {

    static final Schema ALL_TYPES = Schema.of(
            Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT),
            Field.of("email", DataType.EMAIL, IdentifierType.DIRECT),
            Field.of("postcode", DataType.POSTCODE, IdentifierType.INDIRECT),
            Field.of("birth_date", DataType.DATE, IdentifierType.INDIRECT),
            Field.code("sex", IdentifierType.INDIRECT, List.of("F", "M", "U")),
            Field.of("note", DataType.STRING, IdentifierType.NON_ID),
            Field.of("visits", DataType.INTEGER, IdentifierType.NON_ID),
            Field.of("weight", DataType.DECIMAL, IdentifierType.NON_ID),
            Field.of("smoker", DataType.BOOLEAN, IdentifierType.NON_ID),
            Field.of("seen_at", DataType.DATETIME, IdentifierType.NON_ID));

    static final Lineage LINEAGE = new Lineage(
            List.of(new InputObject("uploads/t1/patients.csv", "a".repeat(64))),
            "patients-ingest", "3", "run-42", Map.of("threshold", "0.05", "mode", "quarantine"), "0.1.0");

    private TestVersions() {
    }

    static DuckDbSettings settings(Path temp) {
        return new DuckDbSettings(256L * 1024 * 1024, 2, temp.resolve("duckdb-temp"));
    }

    /** Validates raw rows (column name to text) and returns the typed results, all of which must be valid. */
    static List<Map<String, Object>> typed(Schema schema, List<Map<String, String>> rawRows) {
        RecordValidator validator = RecordValidator.of(schema);
        List<Map<String, Object>> typed = new ArrayList<>();
        for (Map<String, String> raw : rawRows) {
            RecordResult result = validator.validate(raw);
            if (!result.isValid()) {
                throw new IllegalArgumentException("test row is invalid: " + result.errors());
            }
            typed.add(result.values());
        }
        return typed;
    }

    static WrittenVersion write(DuckDbSession session, Schema schema, Path directory, List<Map<String, Object>> rows) {
        try (DatasetVersionWriter writer = DatasetVersionWriter.open(session, schema, directory)) {
            rows.forEach(writer::write);
            return writer.finish();
        }
    }

    static DatasetManifest manifest(Schema schema, WrittenVersion written) {
        return DatasetManifest.of("ds-1", 1, 1, schema, written, LINEAGE, Instant.parse("2026-12-01T10:00:00Z"));
    }

    /** Reads every record of an input and validates it against the schema: the typed values a round trip gives. */
    static List<Map<String, Object>> readTyped(Schema schema, InputStream input, Format format) throws IOException {
        RecordValidator validator = RecordValidator.of(schema);
        List<Map<String, Object>> rows = new ArrayList<>();
        try (RecordReader reader = RecordReaders.open(input, format)) {
            for (Optional<Record> next = reader.next(); next.isPresent(); next = reader.next()) {
                RecordResult result = validator.validate(next.get().toMap());
                if (!result.isValid()) {
                    throw new AssertionError("record " + next.get().number() + " reads back invalid: "
                            + result.errors());
                }
                rows.add(result.values());
            }
        }
        return rows;
    }

    static byte[] export(DuckDbSession session, Path directory, DatasetManifest manifest, ExportFormat format,
            List<String> columns) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VersionExport.export(session, directory, manifest, format, columns, out);
        return out.toByteArray();
    }

    static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
