package org.haven.server.fhir.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.haven.authz.ObjectRef;
import org.haven.authz.SubjectRef;
import org.haven.server.authz.Authorizer;
import org.haven.server.database.DatabaseNotifications;
import org.haven.server.database.NotifiedCache;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.sharing.ReadGrant;
import org.haven.server.sharing.ReadGrants;
import org.haven.server.sharing.ResultType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Authorises a read of the serving tables on the dataset the ingest publishes the same records in: a source's rows
 * belong to its tenant's {@code patient} (or {@code observation}) dataset, and reading them takes
 * {@code read_pseudonymised} on it, decided for the dataset's latest version since the tables hold the latest crawl
 * (a grant limited to an older version does not reach them). Callers who cannot see the dataset, and sources that do
 * not exist, get the same 404; callers who see it but may read aggregates only get 403.
 */
@Component
class ServedViews {

    private final JdbcClient jdbc;
    private final Authorizer authorizer;
    private final ReadGrants reads;
    /** Which dataset and latest version a source's records belong to; migration V17 announces new versions. */
    private final NotifiedCache<SourceDataset, Served> served;

    ServedViews(JdbcClient jdbc, Authorizer authorizer, ReadGrants reads, DatabaseNotifications notifications) {
        this.jdbc = jdbc;
        this.authorizer = authorizer;
        this.reads = reads;
        this.served = new NotifiedCache<>(notifications, "haven_dataset_versions", Duration.ofMinutes(1),
                (dataset, key, kept) -> dataset.equals(kept.datasetId().toString()));
    }

    /**
     * The view the subject gets of the source's records of one dataset. With {@code project}, that project's grant
     * (a caller granted in several projects must name one: their tokens differ).
     */
    ServedView of(SubjectRef subject, UUID sourceId, String datasetName, UUID project) {
        Served served = this.served.get(new SourceDataset(sourceId, datasetName), () -> served(sourceId, datasetName))
                .orElseThrow(ServedViews::notFound);
        ObjectRef dataset = ObjectRef.of("dataset", served.datasetId().toString());
        Map<String, Object> version = Map.of("version", (long) served.version());
        if (!authorizer.check(subject, dataset, ResultType.PSEUDONYMISED.permission(), version)) {
            if (authorizer.check(subject, dataset, "view")) {
                throw new HavenException(ErrorCode.FORBIDDEN, "You may read aggregates of this dataset only");
            }
            throw notFound();
        }
        ReadGrant read = reads.of(subject, served.datasetId(), served.version(), project);
        return new ServedView(served.tenantId(), served.datasetId(), read.resultType(), read.grant());
    }

    /** The source's tenant, its dataset of that name and the dataset's latest version, if all exist. */
    private Optional<Served> served(UUID sourceId, String datasetName) {
        return jdbc.sql("""
                        SELECT s.tenant_id, d.id, max(v.version) AS version
                          FROM fhir_sources s
                          JOIN datasets d ON d.tenant_id = s.tenant_id AND d.name = :name
                          JOIN dataset_versions v ON v.tenant_id = d.tenant_id AND v.dataset_id = d.id
                         WHERE s.source_id = :source
                         GROUP BY s.tenant_id, d.id""")
                .param("source", sourceId).param("name", datasetName)
                .query((rs, n) -> new Served(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)))
                .optional();
    }

    static HavenException notFound() {
        return new HavenException(ErrorCode.NOT_FOUND, "No such record");
    }

    private record SourceDataset(UUID sourceId, String datasetName) {}

    private record Served(UUID tenantId, UUID datasetId, int version) {}
}
