package org.haven.server.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.datasets.DuckDbSettings;
import org.haven.server.catalog.DatasetSchema;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.haven.storage.filesystem.FilesystemBlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resources handed to a stager in many batches become records and serving rows in the order they arrived, with the
 * ones that cannot be flattened quarantined and counted.
 */
class FhirRecordStagerTest {

    @TempDir
    Path temp;
    BlobStore blobs;
    final DatasetSchema schema = new DatasetSchema(UUID.randomUUID(), 1, FhirDataset.OBSERVATION.schema());

    @BeforeEach
    void openStore() {
        blobs = FilesystemBlobStore.open(temp.resolve("blobs"));
    }

    @AfterEach
    void closeStore() throws Exception {
        blobs.close();
    }

    private static String observation(int number) {
        return "{\"resourceType\":\"Observation\",\"id\":\"o" + number + "\",\"status\":\"final\","
                + "\"subject\":{\"reference\":\"Patient/p" + (number / 10) + "\"},"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},"
                + "\"valueQuantity\":{\"value\":" + number + ".50,\"unit\":\"/min\"}}";
    }

    @Test
    void recordsAndServingRowsKeepTheArrivalOrderAcrossBatches() throws Exception {
        int resources = 5_000;
        FhirRecordStager.Staged staged;
        try (FhirRecordStager stager = new FhirRecordStager(FhirDataset.OBSERVATION, schema, settings(),
                temp.resolve("work"))) {
            for (int i = 1; i <= resources; i++) {
                // Every 1,000th has no status: it cannot be used, so it is quarantined.
                stager.add(i % 1_000 == 0 ? observation(i).replace("\"status\":\"final\",", "") : observation(i));
                if (i == 10) {
                    stager.add("   ");
                }
            }
            staged = stager.store(blobs, "work/records/", "rejects/run.ndjson", Map.of("key", "in", "sha256", "x"));
            assertThat(stager.summary()).isEqualTo("observation: 5000 resources, 4995 records, 5 rejected");
        }

        assertThat(staged.read()).isEqualTo(resources);
        assertThat(staged.rejected()).isEqualTo(5);
        assertThat(staged.output()).containsEntry("rows", 4_995L).containsEntry("rejected", 5L)
                .containsEntry("rejects_key", "rejects/run.ndjson")
                .containsEntry("dataset_id", schema.datasetId().toString());
        List<String> rejects = read("rejects/run.ndjson").lines().toList();
        assertThat(rejects).hasSize(5).allSatisfy(line -> assertThat(line).contains("\"reason\"", "no status"));

        @SuppressWarnings("unchecked")
        Map<String, Object> servingRows = (Map<String, Object>) staged.output().get("serving_rows");
        assertThat(servingRows).containsEntry("table", "fhir_observations");
        List<String> rows = read(servingRows.get("key").toString()).lines().toList();
        assertThat(rows).hasSize(4_995);
        int expected = 0;
        long lastRow = 0;
        for (String row : rows) {
            expected += expected % 1_000 == 999 ? 2 : 1;
            assertThat(row).startsWith("\"o" + expected + "\",\"p" + (expected / 10) + "\",\"final\"");
            assertThat(row).contains("\"" + expected + ".50\"");
            long number = Long.parseLong(row.substring(row.lastIndexOf(',') + 1));
            assertThat(number).isGreaterThan(lastRow);
            lastRow = number;
        }
    }

    @Test
    void nothingRefusedMeansNoRejectsObject() throws Exception {
        try (FhirRecordStager stager = new FhirRecordStager(FhirDataset.OBSERVATION, schema, settings(),
                temp.resolve("work"))) {
            stager.add(observation(1));
            FhirRecordStager.Staged staged = stager.store(blobs, "work/records/", "rejects/run.ndjson", Map.of());
            assertThat(staged.output()).doesNotContainKey("rejects_key").containsEntry("rows", 1L);
        }
        assertThat(blobs.head(BlobKey.of("rejects/run.ndjson"))).isEmpty();
    }

    @Test
    void aStagingAbandonedMidwayClosesWithoutStoringAnything() throws Exception {
        FhirRecordStager stager = new FhirRecordStager(FhirDataset.OBSERVATION, schema, settings(),
                temp.resolve("work"));
        for (int i = 1; i <= 10_000; i++) {
            stager.add(observation(i));
        }
        stager.close();
        assertThat(blobs.list("work/", null, 10).items()).isEmpty();
    }

    private DuckDbSettings settings() {
        return DuckDbSettings.defaults().withTempDirectory(temp.resolve("duckdb"));
    }

    private String read(String key) throws Exception {
        try (var content = blobs.get(BlobKey.of(key))) {
            return new String(content.stream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
