package org.haven.server.sharing.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.haven.privacy.PolicyException;
import org.haven.privacy.PrivacyPolicy;
import org.haven.schema.Schema;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.DatasetVersions;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.FieldErrors;
import org.haven.server.errors.HavenException;
import org.haven.server.sharing.ResultType;
import org.haven.server.tenancy.ProjectService;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a grant request against what exists: the project, the dataset version, an expiry in the future, and a policy
 * (pseudonymised grants only) that fits the schema of what is granted. Every problem is reported at once, each naming
 * its field, and nothing is written for a request with any.
 */
@Component
class GrantRules {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProjectService projects;
    private final CatalogService catalog;
    private final DatasetVersions versions;

    GrantRules(ProjectService projects, CatalogService catalog, DatasetVersions versions) {
        this.projects = projects;
        this.catalog = catalog;
        this.versions = versions;
    }

    /** The request body of {@code POST /api/v1/datasets/{id}/grants}. */
    record GrantBody(String projectId, String resultType, Integer version, String expiresAt, JsonNode policy) {}

    NewGrant check(UUID datasetId, GrantBody body) {
        FieldErrors errors = new FieldErrors();
        UUID projectId = project(body.projectId(), errors);
        ResultType resultType = ResultType.parse(body.resultType());
        if (resultType == null) {
            errors.add("result_type", "must be IDENTIFIABLE, PSEUDONYMISED or AGGREGATE");
        }
        Schema schema = schema(datasetId, body.version(), errors);
        Instant expiresAt = expiry(body.expiresAt(), errors);
        JsonNode policy = policy(body.policy(), resultType, schema, errors);
        errors.check("grant");
        return new NewGrant(projectId, resultType, body.version(), expiresAt, policy);
    }

    private UUID project(String text, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            errors.add("project_id", "is required: the id of the project to grant the dataset to");
            return null;
        }
        try {
            UUID id = UUID.fromString(text.trim());
            projects.get(id);
            return id;
        } catch (IllegalArgumentException e) {
            errors.add("project_id", "must be a project id");
        } catch (HavenException e) {
            if (e.errorCode() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            errors.add("project_id", "no such project");
        }
        return null;
    }

    /** The schema the grant reads: the granted version's, or the latest for a grant of every version. */
    private Schema schema(UUID datasetId, Integer version, FieldErrors errors) {
        if (version == null) {
            return catalog.latestSchema(datasetId).schema();
        }
        if (version < 1) {
            errors.add("version", "must be a version number, from 1");
            return null;
        }
        try {
            return catalog.schema(datasetId, versions.get(datasetId, version).schemaVersion()).schema();
        } catch (HavenException e) {
            if (e.errorCode() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            errors.add("version", "the dataset has no version " + version);
            return null;
        }
    }

    private static Instant expiry(String text, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant expiresAt = OffsetDateTime.parse(text.trim()).toInstant();
            if (!expiresAt.isAfter(Instant.now())) {
                errors.add("expires_at", "must be in the future");
            }
            return expiresAt;
        } catch (DateTimeParseException e) {
            errors.add("expires_at", "must be an ISO-8601 date and time with an offset, e.g. 2027-03-31T23:59:59Z");
            return null;
        }
    }

    /**
     * The policy as stored: its canonical JSON (defaults spelt out), whether it came as an object or as the text of a
     * JSON or YAML document. Checked against the schema of what is granted.
     */
    private static JsonNode policy(JsonNode given, ResultType resultType, Schema schema, FieldErrors errors) {
        if (given == null || given.isNull()) {
            return null;
        }
        if (resultType != null && resultType != ResultType.PSEUDONYMISED) {
            errors.add("policy", "only a PSEUDONYMISED grant takes a policy");
            return null;
        }
        if (!given.isObject() && !given.isString()) {
            errors.add("policy", "must be a policy document: an object, or the text of a JSON or YAML document");
            return null;
        }
        try {
            PrivacyPolicy policy = PrivacyPolicy.parse(given.isString() ? given.asString() : given.toString());
            if (schema != null) {
                policy.resolve(schema);
            }
            return JSON.readTree(policy.toJson());
        } catch (PolicyException e) {
            e.problems().forEach(problem -> errors.add(
                    problem.field() == null ? "policy" : "policy.fields." + problem.field(), problem.message()));
            return null;
        }
    }

}
