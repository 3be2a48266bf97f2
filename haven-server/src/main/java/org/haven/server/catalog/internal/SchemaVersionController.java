package org.haven.server.catalog.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haven.schema.JsonSchemaExport;
import org.haven.schema.SchemaChange;
import org.haven.schema.SchemaJson;
import org.haven.server.catalog.DatasetSchema;
import org.haven.server.catalog.SchemaCheck;
import org.haven.server.catalog.SchemaVersion;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.web.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A dataset's schema versions. {@code {version}} is a number or {@code latest}. There is deliberately no endpoint
 * to change or remove a version. The dry-run check needs only {@code view}: it reveals nothing a viewer cannot
 * already read (the latest schema), and lets a data provider check a file's schema before asking a manager.
 */
@RestController
class SchemaVersionController {

    private final SchemaVersionService versions;

    SchemaVersionController(SchemaVersionService versions) {
        this.versions = versions;
    }

    record AddSchema(JsonNode schema, Boolean allowBreaking) {}

    record CheckSchema(JsonNode schema) {}

    /** A schema version with its schema document. */
    record SchemaVersionDocument(UUID datasetId, int version, boolean breaking, List<SchemaChange> changes,
            String createdBy, Instant createdAt, JsonNode schema) {}

    /** The answer to adding a schema: the version, and whether it was created now or already was the latest. */
    record AddedVersion(UUID datasetId, int version, boolean created, boolean breaking, List<SchemaChange> changes,
            String createdBy, Instant createdAt) {

        static AddedVersion of(SchemaVersionService.Added added) {
            SchemaVersion version = added.version();
            return new AddedVersion(version.datasetId(), version.version(), added.created(), version.breaking(),
                    version.changes(), version.createdBy(), version.createdAt());
        }
    }

    /** 201 with the new version; 200 with the latest one (created: false) when the schema is identical to it. */
    @PostMapping("/api/v1/datasets/{datasetId}/schemas")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "manage")
    ResponseEntity<AddedVersion> add(@PathVariable UUID datasetId, @RequestBody AddSchema request) {
        SchemaVersionService.Added added = versions.add(datasetId, SchemaDocuments.parse(request.schema()),
                Boolean.TRUE.equals(request.allowBreaking()));
        return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK).body(AddedVersion.of(added));
    }

    @PostMapping("/api/v1/datasets/{datasetId}/schemas/check")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "view")
    SchemaCheck check(@PathVariable UUID datasetId, @RequestBody CheckSchema request) {
        return versions.check(datasetId, SchemaDocuments.parse(request.schema()));
    }

    @GetMapping("/api/v1/datasets/{datasetId}/schemas")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "view")
    List<SchemaVersion> list(@PathVariable UUID datasetId) {
        return versions.versions(datasetId);
    }

    @GetMapping("/api/v1/datasets/{datasetId}/schemas/{version}")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "view")
    SchemaVersionDocument get(@PathVariable UUID datasetId, @PathVariable String version) {
        DatasetSchema schema = schema(datasetId, version);
        SchemaVersion info = versions.version(datasetId, schema.version());
        return new SchemaVersionDocument(datasetId, info.version(), info.breaking(), info.changes(), info.createdBy(),
                info.createdAt(), SchemaJson.toJsonNode(schema.schema()));
    }

    @GetMapping("/api/v1/datasets/{datasetId}/schemas/{version}/json-schema")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "view")
    JsonNode jsonSchema(@PathVariable UUID datasetId, @PathVariable String version) {
        return JsonSchemaExport.toJsonNode(schema(datasetId, version).schema());
    }

    private DatasetSchema schema(UUID datasetId, String version) {
        if ("latest".equals(version)) {
            return versions.latest(datasetId);
        }
        return versions.schema(datasetId, number(version));
    }

    private static int number(String version) {
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, as for any version that does not exist
        }
        throw new HavenException(ErrorCode.NOT_FOUND, "No such schema version; use a number from 1, or 'latest'");
    }
}
