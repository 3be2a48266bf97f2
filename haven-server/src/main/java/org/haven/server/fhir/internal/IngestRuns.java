package org.haven.server.fhir.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.haven.pipelines.PipelineEngine;
import org.haven.pipelines.RunStatus;
import org.haven.pipelines.StartRun;
import org.haven.pipelines.StartedRun;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.fhir.FhirSource;
import org.haven.server.identity.Actors;
import org.haven.server.identity.CurrentPrincipal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ingest runs of the built-in {@code fhir-ingest} pipeline. The pipeline is applied to the tenant on first use
 * (applying it unchanged keeps its version), so it is an ordinary, durable engine run: retried, resumed after a
 * crash, listed and shown under the tenant's runs. One run at a time per source and postal code: the request locks
 * that pair's row, and while its last run is queued or running, answers with that run.
 */
@Component
class IngestRuns {

    static final String PIPELINE = "fhir-ingest";

    /**
     * Fetch once, then flatten each dataset, publish it and load it into its serving table. The fetch is retried
     * for a server that is down or throttling (the crawl itself already retried each request); flattening is local
     * and deterministic; a load is one transaction, so a retried one starts clean.
     */
    static final String DEFINITION = """
            name: fhir-ingest
            description: Built in. Patients of a postal code and their Observations from a FHIR source.
            concurrency: 4
            steps:
              - id: fetch
                type: fhir_fetch
                retry: {max_attempts: 3, initial_backoff: 2s, max_backoff: 1m}
                timeout: 6h
              - {id: patients, type: fhir_records, needs: [fetch], params: {resource: patient}}
              - {id: observations, type: fhir_records, needs: [fetch], params: {resource: observation}}
              - {id: publish_patients, type: publish, needs: [patients], params: {stage: patients}}
              - {id: publish_observations, type: publish, needs: [observations], params: {stage: observations}}
              - id: serve_patients
                type: fhir_serve
                needs: [patients]
                params: {resource: patient}
                retry: {max_attempts: 3, initial_backoff: 1s, max_backoff: 30s}
              - id: serve_observations
                type: fhir_serve
                needs: [observations]
                params: {resource: observation}
                retry: {max_attempts: 3, initial_backoff: 1s, max_backoff: 30s}
            """;

    /** The run answered to a request, and whether this request started it. */
    record IngestRun(UUID runId, UUID sourceId, String postalCode, boolean created) {}

    private final PipelineEngine engine;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    IngestRuns(PipelineEngine engine, JdbcClient jdbc, AuditTrail audit, TransactionTemplate transactions) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
    }

    IngestRun startOrJoin(FhirSource source, String postalCode) {
        String subject = CurrentPrincipal.require().subject().toString();
        String tenant = source.tenantId().toString();
        IngestRun answer = transactions.execute(status -> {
            engine.apply(tenant, DEFINITION, "system:fhir");
            jdbc.sql("INSERT INTO fhir_ingests (tenant_id, source_id, postal_code) VALUES (:tenant, :source, :code) "
                            + "ON CONFLICT DO NOTHING")
                    .param("tenant", source.tenantId()).param("source", source.id()).param("code", postalCode).update();
            Optional<UUID> last = jdbc.sql("SELECT run_id FROM fhir_ingests WHERE tenant_id = :tenant "
                            + "AND source_id = :source AND postal_code = :code FOR UPDATE")
                    .param("tenant", source.tenantId()).param("source", source.id()).param("code", postalCode)
                    .query((rs, row) -> Optional.ofNullable(rs.getObject("run_id", UUID.class))).single();
            if (last.isPresent() && isActive(tenant, last.get())) {
                return new IngestRun(last.get(), source.id(), postalCode, false);
            }
            // A fresh trigger key per run: the pair's row, not the key, is what makes a repeated request join.
            StartedRun run = engine.startRun(new StartRun(tenant, PIPELINE, null, "fhir:" + UUID.randomUUID(),
                    Map.of("source_id", source.id().toString(), "postal_code", postalCode, "started_by", subject)));
            jdbc.sql("UPDATE fhir_ingests SET run_id = :run, started_at = now() WHERE tenant_id = :tenant "
                            + "AND source_id = :source AND postal_code = :code")
                    .param("run", run.runId()).param("tenant", source.tenantId()).param("source", source.id())
                    .param("code", postalCode).update();
            audit.record(Actors.current(), "fhir_source.ingest", new AuditResource("data_source", source.id().toString()),
                    Decision.SUCCEEDED, null, Map.of("run_id", run.runId().toString()));
            return new IngestRun(run.runId(), source.id(), postalCode, true);
        });
        engine.admitQueuedRuns();
        return answer;
    }

    private boolean isActive(String tenant, UUID runId) {
        return engine.getRun(tenant, runId)
                .map(details -> details.run().status() == RunStatus.QUEUED || details.run().status() == RunStatus.RUNNING)
                .orElse(false);
    }
}
