package org.haven.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.datasets.DatasetManifest;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.haven.server.catalog.DatasetVersions;
import org.haven.server.catalog.VersionStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A file's way through the API: uploaded into a source, picked up by the pipeline its upload triggers, validated,
 * published as a dataset version and downloaded; and the ways that path refuses bad data and repeated triggers.
 */
class PipelineIT extends RunningServer {

    static final String SCHEMA = """
            {"fields": [
              {"name": "nhs_number", "data_type": "NHS_NUMBER", "identifier_type": "DIRECT", "required": true},
              {"name": "sex", "data_type": "CODE", "identifier_type": "INDIRECT", "code_list": ["F", "M", "U"]},
              {"name": "weight_kg", "data_type": "DECIMAL", "identifier_type": "NON_ID"}
            ]}""";

    static final String GOOD_CSV = """
            nhs_number,sex,weight_kg
            9434765919,F,61.5
            9434765870,M,82.25
            9434765862,U,70
            """;

    static final String ONE_BAD_ROW_CSV = """
            nhs_number,sex,weight_kg
            9434765919,F,61.5
            1234567890,X,heavy
            """;

    @Autowired
    VersionStorage storage;

    @Autowired
    DatasetVersions versions;

    private String tenantId;
    private String datasetId;
    private String sourceId;
    private String admin;

    @BeforeEach
    void aTenantWithADatasetASourceAndAnUploadPipeline() {
        admin = adminToken();
        String slug = "pipe-" + UUID.randomUUID().toString().substring(0, 8);
        tenantId = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug + "\",\"name\":\"Pipe\"}"))
                .path("id").asString();
        datasetId = created(send("POST", "/api/v1/tenants/" + tenantId + "/datasets", admin,
                "{\"name\":\"patients\",\"schema\":" + SCHEMA + "}")).path("id").asString();
        sourceId = created(send("POST", "/api/v1/tenants/" + tenantId + "/sources", admin, "{\"name\":\"gp-uploads\"}"))
                .path("id").asString();
    }

    @Test
    void anUploadTriggersARunThatPublishesAVersionWhichDownloadsAsUploaded() {
        apply(pipeline("ingest", "incoming/*.csv", 0));

        JsonNode file = upload("incoming/jan.csv", GOOD_CSV);
        JsonNode run = onlyRun("ingest");
        JsonNode finished = awaitFinished(run.path("run_id").asString());
        assertThat(finished.path("run").path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
        assertThat(finished.path("run").path("inputs").path("file_id").asString()).isEqualTo(file.path("id").asString());

        JsonNode versions = json(get("/api/v1/datasets/" + datasetId + "/versions", admin));
        assertThat(versions.size()).isEqualTo(1);
        JsonNode version = versions.get(0);
        assertThat(version.path("version").asInt()).isEqualTo(1);
        assertThat(version.path("row_count").asLong()).isEqualTo(3);
        assertThat(version.path("run_id").asString()).isEqualTo(run.path("run_id").asString());

        HttpResponse<String> csv = get("/api/v1/datasets/" + datasetId + "/versions/1/download?format=csv", admin);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body().replace("\r\n", "\n")).isEqualTo("""
                nhs_number,sex,weight_kg
                9434765919,F,61.50
                9434765870,M,82.25
                9434765862,U,70.00
                """);
        HttpResponse<String> ndjson = get("/api/v1/datasets/" + datasetId + "/versions/1/download?format=ndjson&columns=sex",
                admin);
        assertThat(ndjson.body().lines().toList()).containsExactly("{\"sex\":\"F\"}", "{\"sex\":\"M\"}", "{\"sex\":\"U\"}");
        HttpResponse<String> badFormat = get("/api/v1/datasets/" + datasetId + "/versions/1/download?format=xlsx", admin);
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(badFormat.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(badFormat).path("detail").asString()).isEqualTo("format must be csv, ndjson or parquet");
        HttpResponse<String> badColumn = get("/api/v1/datasets/" + datasetId + "/versions/1/download?columns=shoe_size", admin);
        assertThat(badColumn.statusCode()).isEqualTo(400);
        assertThat(json(badColumn).path("code").asString()).isEqualTo("validation-failed");

        JsonNode events = json(get("/api/v1/tenants/" + tenantId + "/runs/" + run.path("run_id").asString() + "/events", admin));
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.path("type").asString()));
        assertThat(types).contains("RUN_STARTED", "STEP_SUCCEEDED", "RUN_SUCCEEDED");

        JsonNode audit = json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId, admin));
        assertThat(audit.path("items").toString()).contains("dataset.version.publish", "dataset.version.download");
    }

    @Test
    void theSameContentUploadedTwiceStartsOneRun() {
        apply(pipeline("ingest", "**", 0));
        upload("a.csv", GOOD_CSV);
        upload("again/a.csv", GOOD_CSV);
        JsonNode run = onlyRun("ingest");
        awaitFinished(run.path("run_id").asString());
        assertThat(json(get("/api/v1/tenants/" + tenantId + "/runs", admin)).path("items").size()).isEqualTo(1);
        assertThat(json(get("/api/v1/datasets/" + datasetId + "/versions", admin)).size()).isEqualTo(1);
    }

    @Test
    void aFileWithMoreBadRowsThanAllowedIsRefusedWithoutRetriesAndPublishesNothing() {
        apply(pipeline("strict", "**", 0));
        upload("bad.csv", ONE_BAD_ROW_CSV);
        JsonNode finished = awaitFinished(onlyRun("strict").path("run_id").asString());

        assertThat(finished.path("run").path("status").asString()).isEqualTo("FAILED");
        JsonNode validate = step(finished, "validate");
        assertThat(validate.path("status").asString()).isEqualTo("FAILED");
        assertThat(validate.path("attempt").asInt()).isEqualTo(1);
        assertThat(validate.path("error").asString()).contains("more than 0 records are invalid");
        assertThat(json(get("/api/v1/datasets/" + datasetId + "/versions", admin)).size()).isZero();
    }

    @Test
    void badRowsUnderTheThresholdAreQuarantinedAndTheRestPublished() {
        apply(pipeline("lenient", "**", 5));
        upload("mixed.csv", ONE_BAD_ROW_CSV);
        JsonNode finished = awaitFinished(onlyRun("lenient").path("run_id").asString());

        assertThat(finished.path("run").path("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode validate = step(finished, "validate");
        assertThat(validate.path("output").path("rejected").asInt()).isEqualTo(1);
        assertThat(validate.path("output").path("rows").asInt()).isEqualTo(1);
        assertThat(validate.path("output").path("rejects_key").asString()).endsWith(".ndjson");
        assertThat(json(get("/api/v1/datasets/" + datasetId + "/versions/1", admin)).path("row_count").asLong()).isEqualTo(1);

        String runId = finished.path("run").path("run_id").asString();
        HttpResponse<String> rejects = get("/api/v1/datasets/" + datasetId + "/rejects/" + runId, admin);
        assertThat(rejects.statusCode()).as(rejects.body()).isEqualTo(200);
        assertThat(rejects.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<String> lines = rejects.body().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode rejected = JSON.readTree(lines.get(0));
        assertThat(rejected.path("record").asInt()).isEqualTo(2);
        assertThat(rejected.path("values").path("nhs_number").asString()).isEqualTo("1234567890");
        assertThat(rejected.path("errors").toString()).contains("sex", "weight_kg");
        assertThat(get("/api/v1/datasets/" + datasetId + "/rejects/" + UUID.randomUUID(), admin).statusCode()).isEqualTo(404);
        Caller member = newUser("member");
        send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + member.id(), admin, "{\"roles\":[\"member\"]}");
        assertThat(get("/api/v1/datasets/" + datasetId + "/rejects/" + runId, member.token()).statusCode()).isEqualTo(403);
        assertThat(json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId, admin)).path("items").toString())
                .contains("dataset.rejects.download");
    }

    @Test
    void malformedFilesFailTheirRunPermanentlyWithAReasonAndPublishNothing() {
        apply(pipeline("ingest", "**", 1000));
        Map<String, String> malformed = Map.of(
                "unbalanced-quote.csv", "nhs_number,sex,weight_kg\n9434765919,\"F,61.5\n",
                "nul-byte.csv", "nhs_number,sex,weight_kg\n9434765919,F\u0000,61.5\n",
                "ragged.csv", "nhs_number,sex,weight_kg\n9434765919,F\n",
                "empty.csv", "");
        for (Map.Entry<String, String> file : malformed.entrySet()) {
            upload(file.getKey(), file.getValue());
        }
        JsonNode runs = json(get("/api/v1/tenants/" + tenantId + "/runs", admin)).path("items");
        assertThat(runs.size()).isEqualTo(malformed.size());
        for (JsonNode run : runs) {
            JsonNode finished = awaitFinished(run.path("run_id").asString());
            String path = finished.path("run").path("inputs").path("path").asString();
            JsonNode validate = step(finished, "validate");
            assertThat(validate.path("status").asString()).as(path + ": " + validate).isEqualTo("FAILED");
            assertThat(validate.path("attempt").asInt()).as(path).isEqualTo(1);
            assertThat(validate.path("error").asString()).as(path).startsWith("the file is not valid csv");
        }
        assertThat(json(get("/api/v1/datasets/" + datasetId + "/versions", admin)).size()).isZero();
    }

    @Test
    void aHeaderOnlyFileAndAGzippedFileArePublished() throws Exception {
        apply(pipeline("ingest", "**", 0));
        upload("header-only.csv", "nhs_number,sex,weight_kg\n");
        java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write(GOOD_CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                        uri("/api/v1/sources/" + sourceId + "/files?path=feb.csv.gz"))
                .header("Authorization", "Bearer " + admin)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);

        JsonNode runs = json(get("/api/v1/tenants/" + tenantId + "/runs", admin)).path("items");
        assertThat(runs.size()).isEqualTo(2);
        for (JsonNode run : runs) {
            assertThat(awaitFinished(run.path("run_id").asString()).path("run").path("status").asString())
                    .isEqualTo("SUCCEEDED");
        }
        List<Long> rows = new ArrayList<>();
        json(get("/api/v1/datasets/" + datasetId + "/versions", admin)).forEach(v -> rows.add(v.path("row_count").asLong()));
        assertThat(rows).containsExactlyInAnyOrder(0L, 3L);
    }

    @Test
    void aRunStartedThroughTheApiWithAnIdempotencyKeyStartsOnce() {
        apply(pipeline("manual", "nothing/*", 0));
        String fileId = upload("manual.csv", GOOD_CSV).path("id").asString();
        String body = "{\"inputs\":{\"source_id\":\"" + sourceId + "\",\"file_id\":\"" + fileId + "\"}}";

        HttpResponse<String> first = sendWithKey("/api/v1/tenants/" + tenantId + "/pipelines/manual/runs", body, "k-1");
        HttpResponse<String> second = sendWithKey("/api/v1/tenants/" + tenantId + "/pipelines/manual/runs", body, "k-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).path("run_id").asString()).isEqualTo(json(first).path("run_id").asString());
        assertThat(awaitFinished(json(first).path("run_id").asString()).path("run").path("status").asString())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aShareStepLetsAnotherTenantSeeThePublishedDatasetButNotReadItsData() {
        String regionSlug = "region-" + UUID.randomUUID().toString().substring(0, 8);
        String region = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + regionSlug + "\",\"name\":\"R\"}"))
                .path("id").asString();
        Caller analyst = newUser("regional");
        send("PUT", "/api/v1/tenants/" + region + "/members/user/" + analyst.id(), admin, "{\"roles\":[\"member\"]}");
        assertThat(get("/api/v1/datasets/" + datasetId, analyst.token()).statusCode()).isEqualTo(404);

        apply("""
                name: shared
                triggers:
                  - upload: {source: gp-uploads, glob: "**"}
                steps:
                  - {id: land, type: land}
                  - {id: validate, type: validate, needs: [land], params: {dataset: %s}}
                  - {id: publish, type: publish, needs: [validate]}
                  - {id: share, type: share, needs: [publish], params: {tenant: %s}}
                """.formatted(datasetId, region));
        upload("a.csv", GOOD_CSV);
        JsonNode finished = awaitFinished(onlyRun("shared").path("run_id").asString());
        assertThat(finished.path("run").path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");

        assertThat(get("/api/v1/datasets/" + datasetId, analyst.token()).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/v1/datasets/" + datasetId + "/versions", analyst.token())).size()).isEqualTo(1);
        assertThat(get("/api/v1/datasets/" + datasetId + "/versions/1/download", analyst.token()).statusCode()).isEqualTo(403);
        JsonNode audit = json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId, admin));
        assertThat(audit.path("items").toString()).contains("dataset.share");
    }

    @Test
    void aDeidentifyStepPublishesTokensInPlaceOfIdentifiersWithThePolicyInTheLineage() {
        apply("""
                name: deid
                triggers:
                  - upload: {source: gp-uploads, glob: "**"}
                steps:
                  - {id: land, type: land}
                  - {id: validate, type: validate, needs: [land], params: {dataset: %s}}
                  - {id: publish_raw, type: publish, needs: [validate], params: {dataset: %s}}
                  - id: deidentify
                    type: deidentify
                    needs: [validate]
                    params:
                      output_dataset: patients_deidentified
                      policy: {fields: {weight_kg: {treatment: generalise, to: range, width: 10}}}
                  - {id: publish, type: publish, needs: [deidentify]}
                """.formatted(datasetId, datasetId));
        upload("jan.csv", GOOD_CSV);
        JsonNode finished = awaitFinished(onlyRun("deid").path("run_id").asString());
        assertThat(finished.path("run").path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");

        JsonNode created = json(get("/api/v1/tenants/" + tenantId + "/datasets?name_prefix=patients_deidentified", admin))
                .path("items").get(0);
        String deidentified = created.path("id").asString();
        JsonNode schema = json(get("/api/v1/datasets/" + deidentified + "/schemas/latest", admin)).path("schema");
        assertThat(schema.path("fields").get(0).path("data_type").asString()).isEqualTo("STRING");
        assertThat(schema.path("fields").get(0).path("identifier_type").asString()).isEqualTo("INDIRECT");

        String tokens = get("/api/v1/datasets/" + deidentified + "/versions/1/download", admin).body();
        List<String> rows = tokens.replace("\r\n", "\n").lines().toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).isEqualTo("nhs_number,sex,weight_kg");
        assertThat(rows.get(1)).startsWith("tk_").endsWith(",F,\"[60,70)\"");
        assertThat(tokens).doesNotContain("9434765919", "9434765870", "9434765862");
        assertThat(get("/api/v1/datasets/" + datasetId + "/versions/1/download", admin).body()).contains("9434765919");

        DatasetManifest manifest = DatasetManifest.read(storage.localCopy(versions.get(UUID.fromString(deidentified), 1)));
        assertThat(manifest.lineage().parameters()).containsKeys("deidentify.keysets", "deidentify.source_dataset_id")
                .containsEntry("deidentify.source_dataset_id", datasetId)
                .containsEntry("deidentify.key_scope", "tenant");
        assertThat(manifest.lineage().parameters().get("deidentify.policy_hash")).startsWith("sha256:");

        // Tokens are the tenant's: the same NHS number in a later upload gets the same token.
        upload("feb.csv", GOOD_CSV.replace("61.5", "62"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (json(get("/api/v1/datasets/" + deidentified + "/versions", admin)).size() < 2) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            sleep();
        }
        String later = get("/api/v1/datasets/" + deidentified + "/versions/2/download", admin).body();
        assertThat(later.lines().skip(1).map(row -> row.split(",")[0]).toList())
                .isEqualTo(rows.subList(1, 4).stream().map(row -> row.split(",")[0]).toList());
    }

    @Test
    void aRetokenisationScopeGivesEveryValueANewTokenWhileTheTenantsStay() {
        apply("""
                name: retokenise
                triggers:
                  - upload: {source: gp-uploads, glob: "**"}
                steps:
                  - {id: land, type: land}
                  - {id: validate, type: validate, needs: [land], params: {dataset: %s}}
                  - {id: tenant, type: deidentify, needs: [validate], params: {output_dataset: patients_tokens}}
                  - id: fresh
                    type: deidentify
                    needs: [validate]
                    params: {output_dataset: patients_tokens_2027, key_scope: retokenise-2027}
                  - {id: publish_tenant, type: publish, needs: [tenant], params: {stage: tenant}}
                  - {id: publish_fresh, type: publish, needs: [fresh], params: {stage: fresh}}
                """.formatted(datasetId));
        upload("jan.csv", GOOD_CSV);
        JsonNode finished = awaitFinished(onlyRun("retokenise").path("run_id").asString());
        assertThat(finished.path("run").path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");

        List<String> tenantTokens = firstColumn(datasetNamed("patients_tokens"));
        List<String> freshTokens = firstColumn(datasetNamed("patients_tokens_2027"));
        assertThat(tenantTokens).hasSize(3).allSatisfy(token -> assertThat(token).startsWith("tk_"));
        assertThat(freshTokens).hasSize(3).doesNotContainAnyElementsOf(tenantTokens);
        DatasetManifest manifest = DatasetManifest.read(storage.localCopy(versions.get(
                UUID.fromString(datasetNamed("patients_tokens_2027")), 1)));
        assertThat(manifest.lineage().parameters()).containsEntry("deidentify.key_scope", "retokenise-2027");
    }

    @Test
    void aValidateStepThatDeidentifiesPublishesTheSameTokensWithoutAnIdentifiableVersion() {
        apply("""
                name: deid-inside
                triggers:
                  - upload: {source: gp-uploads, glob: "**"}
                steps:
                  - {id: land, type: land}
                  - {id: validate, type: validate, needs: [land], params: {dataset: %s}}
                  - {id: deidentify, type: deidentify, needs: [validate], params: {output_dataset: tokens_after}}
                  - id: validate_deidentified
                    type: validate
                    needs: [land]
                    params: {dataset: %s, deidentify: {output_dataset: tokens_inside}}
                  - {id: publish_after, type: publish, needs: [deidentify], params: {stage: deidentify}}
                  - {id: publish_inside, type: publish, needs: [validate_deidentified], params: {stage: validate_deidentified}}
                """.formatted(datasetId, datasetId));
        upload("jan.csv", GOOD_CSV);
        JsonNode finished = awaitFinished(onlyRun("deid-inside").path("run_id").asString());
        assertThat(finished.path("run").path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");

        // Validated and de-identified in one pass: the same records and tokens as the deidentify step writes.
        String inside = datasetNamed("tokens_inside");
        String insideRows = get("/api/v1/datasets/" + inside + "/versions/1/download", admin).body();
        assertThat(insideRows)
                .isEqualTo(get("/api/v1/datasets/" + datasetNamed("tokens_after") + "/versions/1/download", admin).body())
                .doesNotContain("9434765919", "9434765870", "9434765862");
        assertThat(firstColumn(inside)).hasSize(3).allSatisfy(token -> assertThat(token).startsWith("tk_"));
        // Nothing published the validated, identifiable records.
        assertThat(json(get("/api/v1/datasets/" + datasetId + "/versions", admin)).size()).isZero();

        DatasetManifest manifest = DatasetManifest.read(storage.localCopy(versions.get(UUID.fromString(inside), 1)));
        assertThat(manifest.lineage().parameters()).containsEntry("deidentify.source_dataset_id", datasetId)
                .containsEntry("deidentify.key_scope", "tenant");
        assertThat(manifest.lineage().parameters().get("deidentify.policy_hash")).startsWith("sha256:");
    }

    @Test
    void validateChecksItsDeidentifyParamsWhenApplied() {
        HttpResponse<String> response = send("POST", "/api/v1/tenants/" + tenantId + "/pipelines", admin,
                definitionBody("""
                        name: broken-inside
                        steps:
                          - {id: land, type: land}
                          - id: validate
                            type: validate
                            needs: [land]
                            params: {dataset: %s, deidentify: {output_dataset: Not A Name, colour: red, policy: {fields: {sex: shred}}}}
                          - {id: other, type: validate, needs: [land], params: {dataset: %s, deidentify: tokens}}
                        """.formatted(datasetId, datasetId)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("errors").toString())
                .contains("unknown param 'deidentify.colour'", "'deidentify.output_dataset' must be",
                        "policy: field 'sex'", "'deidentify' must be a map");
        assertThat(json(get("/api/v1/tenants/" + tenantId + "/pipelines", admin)).toString())
                .doesNotContain("broken-inside");
    }

    private String datasetNamed(String name) {
        for (JsonNode item : json(get("/api/v1/tenants/" + tenantId + "/datasets?name_prefix=" + name, admin)).path("items")) {
            if (item.path("name").asString().equals(name)) {
                return item.path("id").asString();
            }
        }
        throw new AssertionError("no dataset " + name);
    }

    private List<String> firstColumn(String dataset) {
        return get("/api/v1/datasets/" + dataset + "/versions/1/download", admin).body().replace("\r\n", "\n").lines()
                .skip(1).map(row -> row.split(",")[0]).toList();
    }

    @Test
    void definitionsAreCheckedWhenApplied() {
        HttpResponse<String> response = send("POST", "/api/v1/tenants/" + tenantId + "/pipelines", admin,
                definitionBody("""
                        name: broken
                        steps:
                          - {id: land, type: land}
                          - {id: validate, type: validate, needs: [land], params: {dataset: not-an-id, colour: red}}
                          - {id: hide, type: deidentify, needs: [validate], params: {policy: {fields: {sex: shred}}, key_scope: Project}}
                        """));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("code").asString()).isEqualTo("invalid-pipeline");
        assertThat(json(response).path("errors").toString())
                .contains("'dataset' must be the id of a dataset", "unknown param 'colour'", "'output_dataset' must be",
                        "policy: field 'sex'", "'key_scope' must be");
    }

    @Test
    void anotherTenantCannotSeeOrRunThePipelineOrItsRuns() {
        apply(pipeline("ingest", "**", 0));
        upload("a.csv", GOOD_CSV);
        String runId = onlyRun("ingest").path("run_id").asString();
        awaitFinished(runId);
        String otherSlug = "other-" + UUID.randomUUID().toString().substring(0, 8);
        String other = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + otherSlug + "\",\"name\":\"O\"}"))
                .path("id").asString();
        Caller outsider = newUser("outsider");
        send("PUT", "/api/v1/tenants/" + other + "/members/user/" + outsider.id(), admin, "{\"roles\":[\"organisation_admin\"]}");

        assertThat(get("/api/v1/tenants/" + tenantId + "/runs/" + runId, outsider.token()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/tenants/" + other + "/runs/" + runId, outsider.token()).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/tenants/" + other + "/runs/" + runId + "/retry", outsider.token(), "{}").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/datasets/" + datasetId + "/versions/1/download", outsider.token()).statusCode()).isEqualTo(404);
    }

    private String pipeline(String name, String glob, int maxRejected) {
        return """
                name: %s
                triggers:
                  - upload: {source: gp-uploads, glob: "%s"}
                steps:
                  - {id: land, type: land}
                  - {id: validate, type: validate, needs: [land], params: {dataset: %s, max_rejected_rows: %d}}
                  - {id: publish, type: publish, needs: [validate]}
                """.formatted(name, glob, datasetId, maxRejected);
    }

    private void apply(String yaml) {
        HttpResponse<String> response = send("POST", "/api/v1/tenants/" + tenantId + "/pipelines", admin, definitionBody(yaml));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static String definitionBody(String yaml) {
        return "{\"definition\":" + JSON.writeValueAsString(yaml) + "}";
    }

    private JsonNode upload(String path, String content) {
        HttpResponse<String> response = send("POST", "/api/v1/sources/" + sourceId + "/files?path=" + path, admin, content);
        return created(response);
    }

    private JsonNode onlyRun(String pipeline) {
        JsonNode runs = json(get("/api/v1/tenants/" + tenantId + "/runs?pipeline=" + pipeline, admin)).path("items");
        assertThat(runs.size()).as(runs.toString()).isEqualTo(1);
        return runs.get(0);
    }

    private JsonNode awaitFinished(String runId) {
        return DataPath.awaitRunEnded(this, admin, tenantId, runId);
    }

    private static JsonNode step(JsonNode details, String stepId) {
        for (JsonNode step : details.path("steps")) {
            if (step.path("step_id").asString().equals(stepId)) {
                return step;
            }
        }
        throw new AssertionError("no step " + stepId + " in " + details);
    }

    private HttpResponse<String> sendWithKey(String path, String body, String key) {
        return sendWithHeader("POST", path, admin, body, "Idempotency-Key", key);
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
