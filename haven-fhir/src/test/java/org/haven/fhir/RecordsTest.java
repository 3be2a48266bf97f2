package org.haven.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.RecordValidator;
import org.junit.jupiter.api.Test;

class RecordsTest {

    @Test
    void schemasMarkIdentifyingFields() {
        assertThat(PatientRecords.SCHEMA.fields()).filteredOn(f -> f.identifierType() == IdentifierType.DIRECT)
                .extracting(Field::name).containsExactly("identifier_value", "family_name", "given_names",
                        "address_lines", "phone", "email");
        assertThat(ObservationRecords.SCHEMA.field("patient_id")).get().extracting(Field::identifierType)
                .isEqualTo(IdentifierType.INDIRECT);
        assertThat(ObservationRecords.SCHEMA.field("value_quantity")).get().extracting(Field::identifierType)
                .isEqualTo(IdentifierType.NON_ID);
    }

    @Test
    void aPatientWithSeveralNamesAndAddressesTakesTheOfficialAndHomeOnes() {
        Flattened flattened = PatientRecords.flatten("""
                {"resourceType":"Patient","id":"x1","meta":{"versionId":"4","lastUpdated":"2024-01-02T03:04:05.123+01:00"},
                 "name":[{"use":"nickname","given":["Bobby"]},{"use":"official","family":"Jones","given":["Robert","A"]}],
                 "address":[{"use":"work","line":["Office"],"postalCode":"X"},
                            {"use":"home","line":["1 High St","Flat 2"],"city":"Leeds","postalCode":"LS1 1AA"}],
                 "telecom":[{"system":"email","value":"r@example.org"},{"system":"phone","value":"0113 000"}],
                 "birthDate":"1971-07-09","gender":"male","unknownElement":true}
                """);

        assertThat(flattened).isInstanceOfSatisfying(Flattened.Accepted.class, record -> {
            assertThat(record.values()).containsEntry("family_name", "Jones").containsEntry("given_names", "Robert A")
                    .containsEntry("address_lines", "1 High St, Flat 2").containsEntry("postal_code", "LS1 1AA")
                    .containsEntry("phone", "0113 000").containsEntry("email", "r@example.org")
                    .containsEntry("last_updated", "2024-01-02T03:04:05.123+01:00").doesNotContainKey("identifier_value");
            assertThat(RecordValidator.of(PatientRecords.SCHEMA).validate(record.values()).isValid()).isTrue();
        });
    }

    @Test
    void observationValuesKeepTheirPrecisionAndDateOnlyEffectiveTimesHaveNoTime() {
        Flattened flattened = ObservationRecords.flatten("""
                {"resourceType":"Observation","id":"o1","status":"amended","subject":{"reference":"Patient/x1"},
                 "code":{"coding":[{"system":"http://loinc.org","code":"2339-0","display":"Glucose"}]},
                 "valueQuantity":{"value":5.10,"unit":"mmol/L"},"effectiveDateTime":"2024-05-06"}
                """);

        assertThat(flattened).isInstanceOfSatisfying(Flattened.Accepted.class, record -> assertThat(record.values())
                .containsEntry("value_quantity", "5.10").containsEntry("value_unit", "mmol/L")
                .containsEntry("effective_date", "2024-05-06").doesNotContainKey("effective_date_time")
                .containsEntry("status", "amended"));
    }

    @Test
    void somethingThatIsNotAResourceIsRejected() {
        assertThat(PatientRecords.flatten("{\"resourceType\":\"Observation\",\"id\":\"o\"}"))
                .isInstanceOf(Flattened.Rejected.class);
        assertThat(ObservationRecords.flatten("not json")).isInstanceOf(Flattened.Rejected.class);
        assertThat(ObservationRecords.flatten("""
                {"resourceType":"Observation","id":"o2","status":"final","subject":{"reference":"Group/g1"}}
                """)).isEqualTo(new Flattened.Rejected("o2", "the Observation has no Patient subject"));
    }
}
