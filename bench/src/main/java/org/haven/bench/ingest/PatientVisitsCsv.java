package org.haven.bench.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.Schema;

/**
 * The ingest benchmark's input: a CSV of patient visits with 12 columns, 2 DIRECT (NHS number, e-mail), 3 INDIRECT
 * (postcode, date of birth, sex) and 7 NON_ID of mixed types, every row valid under {@link #SCHEMA}. Generated from
 * a fixed seed, so the same row count always gives the same bytes. {@link #POSTGRES_TABLE} is the equivalent
 * PostgreSQL table for a {@code COPY} baseline.
 */
public final class PatientVisitsCsv {

    public static final Schema SCHEMA = Schema.of(
            Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT).withRequired(true),
            Field.of("email", DataType.EMAIL, IdentifierType.DIRECT),
            Field.of("postcode", DataType.POSTCODE, IdentifierType.INDIRECT),
            Field.of("date_of_birth", DataType.DATE, IdentifierType.INDIRECT),
            Field.code("sex", IdentifierType.INDIRECT, List.of("F", "M", "U")),
            Field.of("visit_id", DataType.INTEGER, IdentifierType.NON_ID).withRequired(true),
            Field.of("visit_at", DataType.DATETIME, IdentifierType.NON_ID),
            Field.of("clinic", DataType.STRING, IdentifierType.NON_ID),
            Field.of("weight_kg", DataType.DECIMAL, IdentifierType.NON_ID),
            Field.of("height_cm", DataType.INTEGER, IdentifierType.NON_ID),
            Field.of("smoker", DataType.BOOLEAN, IdentifierType.NON_ID),
            Field.of("notes", DataType.STRING, IdentifierType.NON_ID));

    /** The same columns as a PostgreSQL table, with the closest native types. */
    public static final String POSTGRES_TABLE = "(nhs_number text NOT NULL, email text, postcode text,"
            + " date_of_birth date, sex text, visit_id bigint NOT NULL, visit_at timestamptz, clinic text,"
            + " weight_kg numeric, height_cm bigint, smoker boolean, notes text)";

    /** The same columns for DuckDB's {@code read_csv(..., columns = ...)}. */
    public static final String DUCKDB_COLUMNS = "{'nhs_number': 'VARCHAR', 'email': 'VARCHAR', 'postcode': 'VARCHAR',"
            + " 'date_of_birth': 'DATE', 'sex': 'VARCHAR', 'visit_id': 'BIGINT', 'visit_at': 'TIMESTAMPTZ',"
            + " 'clinic': 'VARCHAR', 'weight_kg': 'DECIMAL(38,2)', 'height_cm': 'BIGINT', 'smoker': 'BOOLEAN',"
            + " 'notes': 'VARCHAR'}";

    private static final String[] CLINICS = {"Cardiology", "Renal", "Diabetes", "Respiratory", "Orthopaedics",
        "Dermatology", "Oncology", "Paediatrics"};
    private static final String[] NOTES = {"", "follow-up in 6 weeks", "referred, see letter",
        "patient said \"feeling better\"", "BP checked; normal", "bloods taken\nresults pending"};
    private static final LocalDate OLDEST = LocalDate.of(1925, 1, 1);

    private PatientVisitsCsv() {
    }

    /** Writes {@code rows} rows plus a header to {@code file} and returns its size in bytes. */
    public static long generate(Path file, long rows) throws IOException {
        SplittableRandom random = new SplittableRandom(20_261_201L);
        StringBuilder line = new StringBuilder(256);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write("nhs_number,email,postcode,date_of_birth,sex,visit_id,visit_at,clinic,weight_kg,height_cm,"
                    + "smoker,notes\n");
            for (long i = 1; i <= rows; i++) {
                line.setLength(0);
                line.append(nhsNumber(random)).append(',');
                if (random.nextInt(20) != 0) {
                    line.append("person").append(random.nextInt(10_000_000)).append("@example.org");
                }
                line.append(',').append(postcode(random)).append(',');
                line.append(OLDEST.plusDays(random.nextInt(36_000))).append(',');
                line.append("FMU".charAt(random.nextInt(3))).append(',');
                line.append(i).append(',');
                line.append("2025-").append(pad(1 + random.nextInt(12))).append('-').append(pad(1 + random.nextInt(28)))
                        .append('T').append(pad(random.nextInt(24))).append(':').append(pad(random.nextInt(60)))
                        .append(":00Z,");
                line.append(CLINICS[random.nextInt(CLINICS.length)]).append(',');
                line.append(40 + random.nextInt(100)).append('.').append(pad(random.nextInt(100))).append(',');
                line.append(140 + random.nextInt(60)).append(',');
                line.append(random.nextBoolean()).append(',');
                String note = NOTES[random.nextInt(NOTES.length)];
                if (note.indexOf(',') >= 0 || note.indexOf('"') >= 0 || note.indexOf('\n') >= 0) {
                    line.append('"').append(note.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(note);
                }
                line.append('\n');
                out.append(line);
            }
        }
        return Files.size(file);
    }

    /** Nine random digits and the modulus-11 check digit; numbers whose check digit would be 10 are skipped. */
    static String nhsNumber(SplittableRandom random) {
        while (true) {
            int[] digits = new int[10];
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                digits[i] = random.nextInt(10);
                sum += digits[i] * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 10) {
                continue;
            }
            digits[9] = check == 11 ? 0 : check;
            StringBuilder number = new StringBuilder(10);
            for (int digit : digits) {
                number.append(digit);
            }
            return number.toString();
        }
    }

    private static String postcode(SplittableRandom random) {
        String letters = "ABCDEFGHJKLMNOPRSTUWYZ";
        return new StringBuilder(8)
                .append(letters.charAt(random.nextInt(letters.length())))
                .append(letters.charAt(random.nextInt(letters.length())))
                .append(1 + random.nextInt(20)).append(' ')
                .append(random.nextInt(10))
                .append(letters.charAt(random.nextInt(letters.length())))
                .append(letters.charAt(random.nextInt(letters.length())))
                .toString();
    }

    private static String pad(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
