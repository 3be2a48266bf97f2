package org.haven.server.pipeline.internal;

import java.util.Optional;
import java.util.function.Function;
import org.haven.fhir.Flattened;
import org.haven.fhir.ObservationRecords;
import org.haven.fhir.PatientRecords;
import org.haven.schema.Schema;

/**
 * The two datasets a FHIR ingest fills, and what each is made from: the resource kind, the library's fixed schema and
 * flattening, and the names under which {@code fhir_fetch} reports the resources it staged and the records it
 * flattened from them.
 */
enum FhirDataset {

    PATIENT("patient", "Patients ingested from FHIR sources (one row per Patient resource)", PatientRecords.SCHEMA,
            PatientRecords::flatten, "patients", ServingTable.PATIENTS),
    OBSERVATION("observation", "Observations ingested from FHIR sources (one row per Observation resource)",
            ObservationRecords.SCHEMA, ObservationRecords::flatten, "observations", ServingTable.OBSERVATIONS);

    private final String dataset;
    private final String description;
    private final Schema schema;
    private final Function<String, Flattened> flatten;
    private final String staged;
    private final ServingTable servingTable;

    FhirDataset(String dataset, String description, Schema schema, Function<String, Flattened> flatten,
            String staged, ServingTable servingTable) {
        this.dataset = dataset;
        this.description = description;
        this.schema = schema;
        this.flatten = flatten;
        this.staged = staged;
        this.servingTable = servingTable;
    }

    /** The table the read API answers from, which {@code fhir_serve} loads with the records. */
    ServingTable servingTable() {
        return servingTable;
    }

    /** The dataset's name in the tenant's catalog, also the {@code resource} param of the FHIR steps. */
    String dataset() {
        return dataset;
    }

    String description() {
        return description;
    }

    Schema schema() {
        return schema;
    }

    Flattened flatten(String json) {
        return flatten.apply(json);
    }

    /** The fetch output's key of the staged NDJSON of this kind of resource. */
    String stagedKey() {
        return staged + "_key";
    }

    String stagedSha256() {
        return staged + "_sha256";
    }

    /** The fetch output's key of the records it flattened while fetching (a {@code fhir_records} output). */
    String recordsKey() {
        return dataset + "_records";
    }

    static Optional<FhirDataset> named(Object resource) {
        for (FhirDataset kind : values()) {
            if (kind.dataset.equals(resource)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
