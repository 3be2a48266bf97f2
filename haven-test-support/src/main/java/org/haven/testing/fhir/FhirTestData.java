package org.haven.testing.fhir;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * What the test FHIR server holds: generated patients and their observations, kept as the plain values they were made
 * from, so a test can state the records it expects without the code under test. Safe to read while a test changes it.
 */
public final class FhirTestData {

    /** The postal codes {@link #generate(int, long)} spreads patients over. */
    public static final List<String> POSTAL_CODES = List.of("02139", "02140", "10001", "94110");
    /** The system of the patients' official identifier (a medical record number). */
    public static final String MRN_SYSTEM = "https://hospital.example.org/mrn";
    /** The code system of every generated observation. */
    public static final String LOINC = "http://loinc.org";
    private static final String[][] CODES = {
        {"8867-4", "Heart rate", "/min"}, {"29463-7", "Body weight", "kg"}, {"8310-5", "Body temperature", "Cel"}};
    private static final String[] FAMILY = {"Smith", "Okafor", "García", "Nguyen", "Müller", "O'Brien", "Kowalski"};
    private static final String[] GIVEN = {"Ann", "Bo", "Chidi", "Dana", "Éric", "Farah", "Gus", "Hana"};
    private static final String[] GENDERS = {"male", "female", "unknown"};

    /** One patient's values; {@link #patientResource} builds the FHIR resource from them. */
    public record PatientValues(String id, String mrn, String family, String given, LocalDate birthDate, String gender,
            String line1, String line2, String city, String postalCode, String phone, String email, int version,
            Instant lastUpdated) {

        /** The same patient renamed on the server: a new version, updated a day later. */
        public PatientValues withFamily(String newFamily) {
            return new PatientValues(id, mrn, newFamily, given, birthDate, gender, line1, line2, city, postalCode,
                    phone, email, version + 1, lastUpdated.plus(Duration.ofDays(1)));
        }
    }

    /** One observation's values; {@link #observationResource} builds the FHIR resource from them. */
    public record ObservationValues(String id, String patientId, String status, String codeSystem, String code,
            String display, BigDecimal value, String unit, String effective, String issued) {

        /** When the observation took effect: a date counts from its UTC midnight; null when it has no effective time. */
        public Instant effectiveAt() {
            if (effective == null) {
                return null;
            }
            return effective.length() == 10 ? LocalDate.parse(effective).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(effective).toInstant();
        }
    }

    private final Map<String, PatientValues> patients = new ConcurrentHashMap<>();
    private final Map<String, List<ObservationValues>> observations = new ConcurrentHashMap<>();

    /** No patients; a test adds its own with {@link #put} and {@link #putObservation}. */
    public FhirTestData() {
    }

    /**
     * {@code count} patients ({@code p0}, {@code p1}, ...) spread at random over {@link #POSTAL_CODES}, with zero to
     * nine observations each; the same seed gives the same data.
     */
    public static FhirTestData generate(int count, long seed) {
        FhirTestData data = new FhirTestData();
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            String id = "p" + i;
            String postalCode = POSTAL_CODES.get(random.nextInt(POSTAL_CODES.size()));
            data.patients.put(id, randomPatient(random, i, postalCode));
            int n = random.nextInt(10);
            List<ObservationValues> list = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                list.add(randomObservation(random, id, "o" + i + "-" + j));
            }
            data.observations.put(id, Collections.synchronizedList(list));
        }
        return data;
    }

    /**
     * {@code patients} patients ({@code p0}, {@code p1}, ...), all in {@code postalCode}, with exactly
     * {@code observationsPerPatient} observations each: a large crawl of one postal code. The same seed gives the
     * same data.
     */
    public static FhirTestData generate(int patients, int observationsPerPatient, String postalCode, long seed) {
        FhirTestData data = new FhirTestData();
        Random random = new Random(seed);
        for (int i = 0; i < patients; i++) {
            String id = "p" + i;
            data.patients.put(id, randomPatient(random, i, postalCode));
            List<ObservationValues> list = new ArrayList<>(observationsPerPatient);
            for (int j = 0; j < observationsPerPatient; j++) {
                list.add(randomObservation(random, id, "o" + i + "-" + j));
            }
            data.observations.put(id, Collections.synchronizedList(list));
        }
        return data;
    }

    private static PatientValues randomPatient(Random random, int i, String postalCode) {
        return new PatientValues("p" + i, "MRN" + (100000 + i), FAMILY[random.nextInt(FAMILY.length)],
                GIVEN[random.nextInt(GIVEN.length)] + " " + GIVEN[random.nextInt(GIVEN.length)],
                LocalDate.of(1930 + random.nextInt(90), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                GENDERS[random.nextInt(GENDERS.length)], (i + 1) + " Main Street", "Apt " + random.nextInt(40),
                "Springfield", postalCode, "+1-555-01" + twoDigits(i % 100), "patient" + i + "@example.org", 1,
                Instant.parse("2024-03-01T10:15:30Z"));
    }

    private static ObservationValues randomObservation(Random random, String patientId, String id) {
        String[] code = CODES[random.nextInt(CODES.length)];
        BigDecimal value = BigDecimal.valueOf(300 + random.nextInt(1500), 1);
        return new ObservationValues(id, patientId, "final", LOINC, code[0], code[1], value, code[2],
                "2024-02-" + twoDigits(1 + random.nextInt(28)) + "T08:30:00Z", "2024-02-29T12:00:00Z");
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    /** Adds or replaces a patient (by id); a new patient has no observations yet. */
    public void put(PatientValues patient) {
        patients.put(patient.id(), patient);
        observations.putIfAbsent(patient.id(), Collections.synchronizedList(new ArrayList<>()));
    }

    /** Adds an observation to its patient's list, even for a patient the server does not hold. */
    public void putObservation(ObservationValues observation) {
        observations.computeIfAbsent(observation.patientId(), id -> Collections.synchronizedList(new ArrayList<>()))
                .add(observation);
    }

    /** The patients of a postal code, sorted by id, as the server returns them. */
    public List<PatientValues> patientsIn(String postalCode) {
        return patients.values().stream().filter(p -> p.postalCode().equals(postalCode))
                .sorted((a, b) -> a.id().compareTo(b.id())).collect(Collectors.toList());
    }

    /** Every patient, whatever the postal code, sorted by id. */
    public List<PatientValues> patients() {
        return patients.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).collect(Collectors.toList());
    }

    /** Every observation, of held patients or not, patient by patient in id order. */
    public List<ObservationValues> observations() {
        return observations.keySet().stream().sorted().flatMap(id -> observationsOf(id).stream())
                .collect(Collectors.toList());
    }

    /** The observations of a patient, in the order they were added. */
    public List<ObservationValues> observationsOf(String patientId) {
        List<ObservationValues> list = observations.getOrDefault(patientId, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** The observations of every patient of a postal code, patient by patient. */
    public List<ObservationValues> observationsIn(String postalCode) {
        return patientsIn(postalCode).stream().flatMap(p -> observationsOf(p.id()).stream())
                .collect(Collectors.toList());
    }

    /** The FHIR Patient for {@code v}: official MRN and name, home address, phone and e-mail. */
    public Patient patientResource(PatientValues v) {
        Patient patient = new Patient();
        patient.setId(v.id());
        patient.getMeta().setVersionId(String.valueOf(v.version())).setLastUpdated(Date.from(v.lastUpdated()));
        patient.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(MRN_SYSTEM)
                .setValue(v.mrn()));
        HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(v.family());
        for (String given : v.given().split(" ")) {
            name.addGiven(given);
        }
        patient.setBirthDateElement(new DateType(v.birthDate().toString()));
        patient.setGender(Enumerations.AdministrativeGender.fromCode(v.gender()));
        patient.addAddress(new Address().setUse(Address.AddressUse.HOME).addLine(v.line1()).addLine(v.line2())
                .setCity(v.city()).setPostalCode(v.postalCode()));
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(v.phone());
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(v.email());
        return patient;
    }

    /** The FHIR Observation for {@code v}: a final LOINC-coded quantity with its subject, effective and issued times. */
    public Observation observationResource(ObservationValues v) {
        Observation observation = new Observation();
        observation.setId(v.id());
        observation.getMeta().setVersionId("1");
        observation.setStatus(Observation.ObservationStatus.fromCode(v.status()));
        observation.getCode().addCoding().setSystem(v.codeSystem()).setCode(v.code()).setDisplay(v.display());
        observation.setSubject(new Reference("Patient/" + v.patientId()));
        observation.setValue(new Quantity().setValue(v.value()).setUnit(v.unit()).setSystem("http://unitsofmeasure.org")
                .setCode(v.unit()));
        if (v.effective() != null) {
            observation.setEffective(new DateTimeType(v.effective()));
        }
        observation.setIssuedElement(new InstantType(v.issued()));
        return observation;
    }

    /** The patient record the library should produce, written out from the generated values. */
    public static Map<String, String> expectedRecord(PatientValues v) {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("patient_id", v.id());
        record.put("identifier_system", MRN_SYSTEM);
        record.put("identifier_value", v.mrn());
        record.put("family_name", v.family());
        record.put("given_names", v.given());
        record.put("birth_date", v.birthDate().toString());
        record.put("gender", v.gender());
        record.put("address_lines", v.line1() + ", " + v.line2());
        record.put("city", v.city());
        record.put("postal_code", v.postalCode());
        record.put("phone", v.phone());
        record.put("email", v.email());
        record.put("version_id", String.valueOf(v.version()));
        return record;
    }

    /** The observation record the library should produce, written out from the generated values. */
    public static Map<String, String> expectedRecord(ObservationValues v) {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("observation_id", v.id());
        record.put("patient_id", v.patientId());
        record.put("status", v.status());
        record.put("code_system", v.codeSystem());
        record.put("code", v.code());
        record.put("code_display", v.display());
        record.put("value_quantity", v.value().toPlainString());
        record.put("value_unit", v.unit());
        record.put("effective_date", v.effective().substring(0, 10));
        record.put("effective_date_time", v.effective());
        record.put("issued", v.issued());
        record.put("version_id", "1");
        return record;
    }
}
