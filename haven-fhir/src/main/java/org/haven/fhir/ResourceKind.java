package org.haven.fhir;

/** The FHIR resource types a crawl reads. */
public enum ResourceKind {
    PATIENT("Patient"),
    OBSERVATION("Observation");

    private final String fhirType;

    ResourceKind(String fhirType) {
        this.fhirType = fhirType;
    }

    /** The FHIR {@code resourceType}. */
    public String fhirType() {
        return fhirType;
    }
}
