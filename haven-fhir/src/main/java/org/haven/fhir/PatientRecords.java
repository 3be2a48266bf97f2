package org.haven.fhir;

import java.util.List;
import java.util.stream.Collectors;

import org.haven.fhir.internal.R4Resources;
import org.haven.fhir.internal.RecordBuilder;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.RecordValidator;
import org.haven.schema.Schema;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * Flattens a FHIR R4 Patient into one record of the {@code patient} dataset. Where FHIR allows many (names,
 * identifiers, addresses, telecoms) the record takes one, preferring the one marked official, usual or home, then the
 * first; the raw resource is staged alongside for anyone who needs the rest.
 */
public final class PatientRecords {

    /** Fixed schema of the {@code patient} dataset. */
    public static final Schema SCHEMA = Schema.of(
            // The server's logical id links a patient to its observations. Without access to the source server it
            // names nobody, and both datasets must treat it alike to stay joinable: INDIRECT.
            Field.of("patient_id", DataType.STRING, IdentifierType.INDIRECT).withRequired(true),
            // The system is a namespace URI shared by every patient (e.g. the NHS number's); the value is the person.
            Field.of("identifier_system", DataType.STRING, IdentifierType.NON_ID),
            Field.of("identifier_value", DataType.STRING, IdentifierType.DIRECT),
            Field.of("family_name", DataType.STRING, IdentifierType.DIRECT),
            Field.of("given_names", DataType.STRING, IdentifierType.DIRECT),
            // A birth date singles someone out only together with postal code and sex, and analyses need age:
            // INDIRECT lets a policy generalise it (year, age band) where DIRECT would tokenise it away.
            Field.of("birth_date", DataType.DATE, IdentifierType.INDIRECT),
            Field.code("gender", IdentifierType.INDIRECT, List.of("male", "female", "other", "unknown")),
            Field.of("address_lines", DataType.STRING, IdentifierType.DIRECT),
            Field.of("city", DataType.STRING, IdentifierType.INDIRECT),
            // STRING, not POSTCODE: FHIR servers hold ZIP codes and other countries' formats as well as UK postcodes.
            Field.of("postal_code", DataType.STRING, IdentifierType.INDIRECT),
            // Phone and e-mail as sent: a badly written address still identifies, so it is kept, not refused.
            Field.of("phone", DataType.STRING, IdentifierType.DIRECT),
            Field.of("email", DataType.STRING, IdentifierType.DIRECT),
            Field.of("version_id", DataType.STRING, IdentifierType.NON_ID),
            Field.of("last_updated", DataType.DATETIME, IdentifierType.NON_ID));

    private static final RecordValidator VALIDATOR = RecordValidator.of(SCHEMA);

    private PatientRecords() {
    }

    public static Flattened flatten(String json) {
        R4Resources.Parsed<Patient> parsed = R4Resources.parse(json, Patient.class);
        Patient patient = parsed.resource();
        if (patient == null) {
            return new Flattened.Rejected(null, String.join("; ", parsed.problems()));
        }
        String id = patient.getIdElement().getIdPart();
        if (id == null || id.isBlank()) {
            return new Flattened.Rejected(null, "the Patient has no id");
        }
        if (!parsed.problems().isEmpty()) {
            return new Flattened.Rejected(id, String.join("; ", parsed.problems()));
        }
        RecordBuilder record = new RecordBuilder().put("patient_id", id);
        Identifier identifier = preferredIdentifier(patient.getIdentifier());
        if (identifier != null) {
            record.put("identifier_system", identifier.getSystem()).put("identifier_value", identifier.getValue());
        }
        HumanName name = preferredName(patient.getName());
        if (name != null) {
            record.put("family_name", name.getFamily()).put("given_names",
                    name.getGiven().stream().map(StringType::getValue).collect(Collectors.joining(" ")));
        }
        record.put("birth_date", patient.getBirthDateElement().getValueAsString());
        if (patient.hasGender()) {
            record.put("gender", patient.getGender().toCode());
        }
        Address address = preferredAddress(patient.getAddress());
        if (address != null) {
            record.put("address_lines", address.getLine().stream().map(StringType::getValue)
                    .collect(Collectors.joining(", ")));
            record.put("city", address.getCity()).put("postal_code", address.getPostalCode());
        }
        record.put("phone", firstTelecom(patient.getTelecom(), ContactPoint.ContactPointSystem.PHONE));
        record.put("email", firstTelecom(patient.getTelecom(), ContactPoint.ContactPointSystem.EMAIL));
        record.put("version_id", patient.getMeta().getVersionId());
        record.put("last_updated", patient.getMeta().getLastUpdatedElement().getValueAsString());
        return record.build(VALIDATOR, id);
    }

    private static Identifier preferredIdentifier(List<Identifier> identifiers) {
        return identifiers.stream().filter(i -> i.getUse() == Identifier.IdentifierUse.OFFICIAL).findFirst()
                .orElse(identifiers.stream().filter(i -> i.getUse() == Identifier.IdentifierUse.USUAL).findFirst()
                        .orElse(identifiers.isEmpty() ? null : identifiers.get(0)));
    }

    private static HumanName preferredName(List<HumanName> names) {
        return names.stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(names.stream().filter(n -> n.getUse() == HumanName.NameUse.USUAL).findFirst()
                        .orElse(names.isEmpty() ? null : names.get(0)));
    }

    private static Address preferredAddress(List<Address> addresses) {
        return addresses.stream().filter(a -> a.getUse() == Address.AddressUse.HOME).findFirst()
                .orElse(addresses.isEmpty() ? null : addresses.get(0));
    }

    private static String firstTelecom(List<ContactPoint> telecoms, ContactPoint.ContactPointSystem system) {
        return telecoms.stream().filter(t -> t.getSystem() == system && t.hasValue()).map(ContactPoint::getValue)
                .findFirst().orElse(null);
    }
}
