package org.haven.server.query.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.haven.authz.ObjectRef;
import org.haven.datasets.DatasetManifest;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.schema.Field;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.authz.Authorizer;
import org.haven.server.catalog.DatasetVersion;
import org.haven.server.catalog.DatasetVersions;
import org.haven.server.catalog.VersionStorage;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.privacy.DisclosureSettings;
import org.haven.server.sharing.ResultType;
import org.haven.server.web.RequiresPermission;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Aggregates of a version's records (counts, distinct counts, sums, means, minima and maxima, by up to three fields,
 * over the records that pass the filters), computed by DuckDB over the version's Parquet files. Callers who may read
 * the version's identifiable data get exact results; everyone else who may read it at all (pseudonymised and
 * aggregate grants alike) gets AGGREGATE results, which pass disclosure control and may not single out DIRECT fields.
 * The result type is decided here, not by the grant the caller names, because aggregates carry no tokens that would
 * differ between projects.
 *
 * <p>Every aggregate is audited with its shape (fields, ops, rows, suppressed cells), never a value; a refused request
 * is audited as failed.
 */
@RestController
class AggregateController {

    private static final String ACTION = "dataset.version.aggregate";

    private final DatasetVersions versions;
    private final VersionStorage storage;
    private final DuckDbSettings duckDb;
    private final Authorizer authorizer;
    private final DisclosureSettings disclosure;
    private final AuditTrail audit;

    AggregateController(DatasetVersions versions, VersionStorage storage, DuckDbSettings duckDb, Authorizer authorizer,
            DisclosureSettings disclosure, AuditTrail audit) {
        this.versions = versions;
        this.storage = storage;
        this.duckDb = duckDb;
        this.authorizer = authorizer;
        this.disclosure = disclosure;
        this.audit = audit;
    }

    /**
     * Body: {@code {"group_by": ["sex"], "filters": [{"field": "age", "op": "ge", "value": 18}],
     * "measures": [{"op": "count"}, {"op": "mean", "field": "weight_kg"}]}}; see docs/access-control.md.
     */
    @PostMapping("/api/v1/datasets/{datasetId}/versions/{version}/aggregate")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "read_aggregate",
            contextFrom = "version")
    ObjectNode aggregate(@PathVariable UUID datasetId, @PathVariable int version,
            @RequestBody(required = false) JsonNode body) {
        DatasetVersion found = versions.get(datasetId, version);
        ResultType resultType = resultType(datasetId, version);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("version", Integer.toString(version));
        details.put("result_type", resultType.name());
        AggregateResult result;
        try {
            Path local = storage.localCopy(found);
            DatasetManifest manifest = DatasetManifest.read(local);
            AggregateQuery query = AggregateQueryParser.parse(body, manifest.schema(), resultType);
            describe(query, details);
            List<AggregateGroup> groups;
            try (DuckDbSession session = DuckDbSession.inMemory(duckDb)) {
                groups = AggregateSql.of(query, local, manifest).run(session);
            }
            result = resultType == ResultType.IDENTIFIABLE
                    ? AggregateResult.exact(resultType, query, groups)
                    : AggregateProtection.protect(query, groups, disclosure.forTenant(found.tenantId()));
        } catch (HavenException e) {
            if (e.errorCode() == ErrorCode.VALIDATION_FAILED) {
                audit.record(Actors.current(), ACTION, resource(datasetId), Decision.FAILED,
                        "refused: " + e.getMessage(), details);
            }
            throw e;
        }
        details.put("rows", Integer.toString(result.rows().size()));
        details.put("cells_suppressed", Integer.toString(result.cellsSuppressed()));
        audit.record(Actors.current(), ACTION, resource(datasetId), Decision.SUCCEEDED, null, details);
        return result.toJson(datasetId, version);
    }

    /** Exact for whoever may read the values of this version; aggregate for everyone else the endpoint lets in. */
    private ResultType resultType(UUID datasetId, int version) {
        boolean identifiable = authorizer.check(CurrentPrincipal.require().subject(),
                ObjectRef.of("dataset", datasetId.toString()), ResultType.IDENTIFIABLE.permission(),
                Map.of("version", (long) version));
        return identifiable ? ResultType.IDENTIFIABLE : ResultType.AGGREGATE;
    }

    /** The shape of the query for the audit log: field names and ops, never a filter's values. */
    private static void describe(AggregateQuery query, Map<String, String> details) {
        if (!query.groupBy().isEmpty()) {
            details.put("group_by", query.groupBy().stream().map(Field::name).collect(Collectors.joining(",")));
        }
        if (!query.filters().isEmpty()) {
            details.put("filters", query.filters().stream()
                    .map(filter -> filter.field().name() + ":" + filter.op().wireName())
                    .collect(Collectors.joining(",")));
        }
        details.put("measures", query.measures().stream().map(AggregateQuery.Measure::name)
                .collect(Collectors.joining(",")));
    }

    private static AuditResource resource(UUID datasetId) {
        return new AuditResource("dataset", datasetId.toString());
    }
}
