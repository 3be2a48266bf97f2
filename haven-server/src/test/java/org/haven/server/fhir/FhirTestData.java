package org.haven.server.fhir;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * What the test FHIR server holds: generated patients in two postal codes and their observations, kept as plain
 * values so a test states what it expects without the code under test.
 */
final class FhirTestData {

    static final List<String> POSTAL_CODES = List.of("02108", "02109");
    private static final String[] FAMILY = {"Smith", "Okafor", "García", "Nguyen", "Müller", "O'Brien"};
    private static final String[] GIVEN = {"Ann", "Bo", "Chidi", "Dana", "Éric", "Farah"};

    record PatientValues(String id, String family, String given, LocalDate birthDate, String gender,
            String postalCode, int version) {
    }

    /** @param effective null for an observation the server sends without an effective time */
    record ObservationValues(String id, String patientId, String code, Instant effective, BigDecimal value) {

        String display() {
            return code.equals(HEART_RATE) ? "Heart rate" : "Body weight";
        }

        String unit() {
            return code.equals(HEART_RATE) ? "/min" : "kg";
        }
    }

    static final String HEART_RATE = "8867-4";
    static final String BODY_WEIGHT = "29463-7";
    private static final Instant FIRST_VISIT = Instant.parse("2024-02-01T08:30:00Z");

    final Map<String, PatientValues> patients = new ConcurrentHashMap<>();
    final Map<String, List<ObservationValues>> observations = new ConcurrentHashMap<>();

    static FhirTestData generate(int patientCount, long seed) {
        FhirTestData data = new FhirTestData();
        Random random = new Random(seed);
        for (int i = 0; i < patientCount; i++) {
            String id = "p" + i;
            data.patients.put(id, new PatientValues(id, FAMILY[random.nextInt(FAMILY.length)],
                    GIVEN[random.nextInt(GIVEN.length)], LocalDate.of(1930 + random.nextInt(90), 1 + random.nextInt(12),
                    1 + random.nextInt(28)), random.nextBoolean() ? "female" : "male",
                    POSTAL_CODES.get(i % POSTAL_CODES.size()), 1));
            List<ObservationValues> list = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int j = 0; j < count; j++) {
                // Codes alternate and visits are days apart; a fourth observation has no effective time at all.
                Instant effective = j == 3 ? null : FIRST_VISIT.plus(Duration.ofDays(j)).plus(Duration.ofHours(i));
                list.add(new ObservationValues("o" + i + "-" + j, id, j % 2 == 0 ? HEART_RATE : BODY_WEIGHT, effective,
                        BigDecimal.valueOf(300 + random.nextInt(1500), 1)));
            }
            data.observations.put(id, list);
        }
        return data;
    }

    List<PatientValues> patientsIn(String postalCode) {
        return patients.values().stream().filter(p -> p.postalCode().equals(postalCode))
                .sorted((a, b) -> a.id().compareTo(b.id())).collect(Collectors.toList());
    }

    List<ObservationValues> observationsOf(String patientId) {
        return List.copyOf(observations.getOrDefault(patientId, List.of()));
    }

    List<ObservationValues> observationsIn(String postalCode) {
        return patientsIn(postalCode).stream().flatMap(p -> observationsOf(p.id()).stream()).collect(Collectors.toList());
    }

    Patient patientResource(PatientValues v) {
        Patient patient = new Patient();
        patient.setId(v.id());
        patient.getMeta().setVersionId(String.valueOf(v.version()));
        patient.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                .setSystem("https://hospital.example.org/mrn").setValue("MRN-" + v.id()));
        HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(v.family());
        name.addGiven(v.given());
        patient.setBirthDateElement(new DateType(v.birthDate().toString()));
        patient.setGender(Enumerations.AdministrativeGender.fromCode(v.gender()));
        patient.addAddress(new Address().setUse(Address.AddressUse.HOME).addLine("1 Main Street").setCity("Boston")
                .setPostalCode(v.postalCode()));
        return patient;
    }

    Observation observationResource(ObservationValues v) {
        Observation observation = new Observation();
        observation.setId(v.id());
        observation.getMeta().setVersionId("1");
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode(v.code()).setDisplay(v.display());
        observation.setSubject(new Reference("Patient/" + v.patientId()));
        observation.setValue(new Quantity().setValue(v.value()).setUnit(v.unit()));
        if (v.effective() != null) {
            observation.setEffective(new DateTimeType(v.effective().toString()));
        }
        return observation;
    }
}
