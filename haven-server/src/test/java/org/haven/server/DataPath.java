package org.haven.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.created;
import static org.haven.server.Responses.ok;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.haven.server.RunningServer.Caller;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's way from an upload to published versions, for tests about what happens to versions: a tenant with a
 * dataset, a data source, and a pipeline that every upload to the source starts (land, validate against the dataset,
 * then the steps the test gives). Uploads are awaited until the versions they publish are there.
 */
public final class DataPath {

    /** The usual end of the pipeline: publish what validate staged. */
    public static final String PUBLISH = "  - {id: publish, type: publish, needs: [validate]}\n";

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RunningServer server;
    private final String admin;
    private final String tenantId;
    private final String datasetId;
    private final String sourceId;

    private DataPath(RunningServer server, String admin, String tenantId, String datasetId, String sourceId) {
        this.server = server;
        this.admin = admin;
        this.tenantId = tenantId;
        this.datasetId = datasetId;
        this.sourceId = sourceId;
    }

    /**
     * @param schema the dataset's schema JSON
     * @param stepsAfterValidate YAML list items that follow the {@code validate} step, such as {@link #PUBLISH}
     */
    public static DataPath create(RunningServer server, String admin, String datasetName, String schema,
            String stepsAfterValidate) {
        String tenantId = newTenant(server, admin, datasetName.replace('_', '-'));
        String datasetId = created(server.send("POST", "/api/v1/tenants/" + tenantId + "/datasets", admin,
                "{\"name\":\"" + datasetName + "\",\"schema\":" + schema + "}")).path("id").asString();
        String sourceId = created(server.send("POST", "/api/v1/tenants/" + tenantId + "/sources", admin,
                "{\"name\":\"uploads\"}")).path("id").asString();
        String pipeline = """
                name: ingest
                triggers:
                  - upload: {source: uploads, glob: "**"}
                steps:
                  - {id: land, type: land}
                  - {id: validate, type: validate, needs: [land], params: {dataset: %s}}
                """.formatted(datasetId) + stepsAfterValidate;
        created(server.send("POST", "/api/v1/tenants/" + tenantId + "/pipelines", admin,
                "{\"definition\":" + RunningServer.JSON.writeValueAsString(pipeline) + "}"));
        return new DataPath(server, admin, tenantId, datasetId, sourceId);
    }

    public String tenantId() {
        return tenantId;
    }

    public String datasetId() {
        return datasetId;
    }

    /** Uploads a file, which starts a run, and waits until the dataset has {@code versions} versions. */
    public void publish(String path, String content, int versions) {
        upload(path, content);
        awaitVersions(datasetId, versions);
    }

    public void upload(String path, String content) {
        created(server.send("POST", "/api/v1/sources/" + sourceId + "/files?path=" + path, admin, content));
    }

    public void awaitVersions(String dataset, int versions) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (RunningServer.json(server.get("/api/v1/datasets/" + dataset + "/versions", admin)).size() < versions) {
            assertThat(System.nanoTime()).as("dataset %s has fewer than %d versions", dataset, versions).isLessThan(deadline);
            pause();
        }
    }

    /** The id of the tenant's dataset of that name, once a run has created it. */
    public String awaitDataset(String name) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode items = RunningServer.json(server.get("/api/v1/tenants/" + tenantId + "/datasets?name_prefix=" + name,
                    admin)).path("items");
            for (JsonNode item : items) {
                if (item.path("name").asString().equals(name)) {
                    return item.path("id").asString();
                }
            }
            assertThat(System.nanoTime()).as("no dataset %s", name).isLessThan(deadline);
            pause();
        }
    }

    /** The run's details once it has ended (succeeded, failed or been cancelled), polled as the API shows it. */
    public static JsonNode awaitRunEnded(RunningServer server, String admin, String tenantId, String runId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonNode details = RunningServer.json(server.get("/api/v1/tenants/" + tenantId + "/runs/" + runId, admin));
            String status = details.path("run").path("status").asString();
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status)) {
                return details;
            }
            assertThat(System.nanoTime()).as("run %s still %s", runId, status).isLessThan(deadline);
            pause();
        }
    }

    public static String newTenant(RunningServer server, String admin, String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return created(server.send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug + "\",\"name\":\"" + prefix + "\"}"))
                .path("id").asString();
    }

    /** A project hosted by {@code hostTenant} with one data user. */
    public static String projectWithDataUser(RunningServer server, String admin, String hostTenant, String name,
            Caller dataUser) {
        String project = created(server.send("POST", "/api/v1/tenants/" + hostTenant + "/projects", admin,
                "{\"name\":\"" + name + "\"}")).path("id").asString();
        ok(server.send("PUT", "/api/v1/projects/" + project + "/members/user/" + dataUser.id(), admin,
                "{\"roles\":[\"data_user\"]}"));
        return project;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
