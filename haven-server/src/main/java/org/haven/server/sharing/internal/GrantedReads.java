package org.haven.server.sharing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.haven.authz.ObjectRef;
import org.haven.authz.SubjectRef;
import org.haven.server.authz.Authorizer;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.sharing.DatasetGrant;
import org.haven.server.sharing.DatasetGrants;
import org.haven.server.sharing.ReadGrant;
import org.haven.server.sharing.ReadGrants;
import org.haven.server.sharing.ResultType;
import org.springframework.stereotype.Component;

/**
 * Chooses the grant a read of records goes through ({@link ReadGrants}): the identifiable permission first, then the
 * subject's usable grants, narrowed to the named project; several grants in different projects make the read
 * ambiguous, since tokens differ between projects.
 */
@Component
class GrantedReads implements ReadGrants {

    private final Authorizer authorizer;
    private final DatasetGrants grants;

    GrantedReads(Authorizer authorizer, DatasetGrants grants) {
        this.authorizer = authorizer;
        this.grants = grants;
    }

    @Override
    public ReadGrant of(SubjectRef subject, UUID datasetId, int version, UUID project) {
        ObjectRef dataset = ObjectRef.of("dataset", datasetId.toString());
        if (project == null && authorizer.check(subject, dataset, ResultType.IDENTIFIABLE.permission(),
                Map.of("version", (long) version))) {
            return ReadGrant.managers();
        }
        if (project != null && authorizer.check(subject, dataset, "manage")) {
            return projectView(datasetId, version, project);
        }
        List<DatasetGrant> usable = Stream.of(ResultType.IDENTIFIABLE, ResultType.PSEUDONYMISED)
                .flatMap(type -> grants.usableBy(subject, datasetId, version, type).stream())
                .filter(grant -> project == null || grant.projectId().equals(project))
                .toList();
        if (usable.isEmpty()) {
            throw new HavenException(ErrorCode.FORBIDDEN, project == null
                    ? "No grant lets you read these records"
                    : "Project " + project + " has no grant that lets you read these records");
        }
        if (usable.size() > 1) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "You may read this dataset in several projects, "
                    + "whose tokens differ; name one with ?project= (" + String.join(", ",
                            usable.stream().map(grant -> grant.projectId().toString()).toList()) + ")");
        }
        return ReadGrant.of(usable.get(0));
    }

    /** What a project's grant shows, for the dataset's managers checking what they have shared. */
    private ReadGrant projectView(UUID datasetId, int version, UUID project) {
        DatasetGrant grant = grants.ofProject(datasetId, project)
                .filter(found -> found.covers(version, Instant.now()))
                .orElseThrow(() -> new HavenException(ErrorCode.FORBIDDEN,
                        "Project " + project + " has no grant of this version"));
        if (grant.resultType() == ResultType.AGGREGATE) {
            throw new HavenException(ErrorCode.FORBIDDEN, "Project " + project + " is granted aggregates only");
        }
        return ReadGrant.of(grant);
    }
}
