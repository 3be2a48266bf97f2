package org.haven.privacy;

import java.util.List;

import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.Schema;

/** A patient extract like the demo CSV, and valid NHS numbers. */
final class TestSchemas {

    static final Schema PATIENTS = Schema.of(
            Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT).withRequired(true),
            Field.of("name", DataType.STRING, IdentifierType.DIRECT),
            Field.of("email", DataType.EMAIL, IdentifierType.DIRECT),
            Field.of("date_of_birth", DataType.DATE, IdentifierType.INDIRECT),
            Field.of("postcode", DataType.POSTCODE, IdentifierType.INDIRECT),
            Field.code("sex", IdentifierType.INDIRECT, List.of("M", "F", "U")),
            Field.of("phone", DataType.STRING, IdentifierType.DIRECT),
            Field.of("weight_kg", DataType.DECIMAL, IdentifierType.NON_ID),
            Field.of("admitted", DataType.DATETIME, IdentifierType.NON_ID));

    private TestSchemas() {
    }

    /** The NHS number with these nine leading digits, or null when no check digit exists for them. */
    static String nhsNumber(long ninePrefix) {
        String digits = String.format("%09d", ninePrefix);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check == 10 ? null : digits + check;
    }
}
