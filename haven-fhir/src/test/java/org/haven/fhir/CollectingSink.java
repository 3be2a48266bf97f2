package org.haven.fhir;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps what a crawl staged, and flattens it for comparison. */
final class CollectingSink implements ResourceSink {

    final List<String> patients = new ArrayList<>();
    final List<String> observations = new ArrayList<>();

    @Override
    public void patient(String json) {
        patients.add(json);
    }

    @Override
    public void observation(String json) {
        observations.add(json);
    }

    /** Accepted patient records by id, without last_updated (checked as an instant by {@link #lastUpdated}). */
    Map<String, Map<String, String>> patientRecords() {
        return accepted(patients.stream().map(PatientRecords::flatten).toList(), "patient_id");
    }

    Map<String, Map<String, String>> observationRecords() {
        return accepted(observations.stream().map(ObservationRecords::flatten).toList(), "observation_id");
    }

    List<Flattened.Rejected> rejections() {
        List<Flattened> all = new ArrayList<>();
        patients.forEach(json -> all.add(PatientRecords.flatten(json)));
        observations.forEach(json -> all.add(ObservationRecords.flatten(json)));
        return all.stream().filter(Flattened.Rejected.class::isInstance).map(Flattened.Rejected.class::cast)
                .toList();
    }

    static java.time.Instant lastUpdated(Map<String, String> record) {
        return OffsetDateTime.parse(record.get("last_updated")).toInstant();
    }

    private static Map<String, Map<String, String>> accepted(List<Flattened> flattened, String idField) {
        Map<String, Map<String, String>> byId = new HashMap<>();
        for (Flattened result : flattened) {
            if (result instanceof Flattened.Accepted accepted) {
                Map<String, String> values = new LinkedHashMap<>(accepted.values());
                byId.put(values.get(idField), values);
            }
        }
        return byId;
    }
}
