package org.haven.server.query.internal;

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
import org.haven.server.sharing.ResultType;
import org.springframework.stereotype.Component;

/**
 * Decides the view a caller gets of a version's records, after the endpoint has checked that they may read it at
 * least pseudonymised. Without {@code project}, the most the caller may see: the stored values when they may read
 * them, otherwise their one pseudonymised grant (several grants in different projects make the read ambiguous, and
 * the caller must name the project, since tokens differ between projects). With {@code project}, the view of that
 * project's grant, which also lets a dataset's manager see what the project sees.
 */
@Component
class RecordViews {

    private final Authorizer authorizer;
    private final DatasetGrants grants;

    RecordViews(Authorizer authorizer, DatasetGrants grants) {
        this.authorizer = authorizer;
        this.grants = grants;
    }

    RecordView of(SubjectRef subject, UUID datasetId, int version, UUID project) {
        ObjectRef dataset = ObjectRef.of("dataset", datasetId.toString());
        if (project == null && authorizer.check(subject, dataset, ResultType.IDENTIFIABLE.permission(),
                Map.of("version", (long) version))) {
            return RecordView.identifiable(null);
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
                    ? "No grant lets you read the records of this version"
                    : "Project " + project + " has no grant that lets you read the records of this version");
        }
        if (usable.size() > 1) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "You may read this dataset in several projects, "
                    + "whose tokens differ; name one with ?project= (" + String.join(", ",
                            usable.stream().map(grant -> grant.projectId().toString()).toList()) + ")");
        }
        return view(usable.get(0));
    }

    /** What a project's grant shows, for the dataset's managers checking what they have shared. */
    private RecordView projectView(UUID datasetId, int version, UUID project) {
        DatasetGrant grant = grants.ofProject(datasetId, project)
                .filter(found -> found.covers(version, Instant.now()))
                .orElseThrow(() -> new HavenException(ErrorCode.FORBIDDEN,
                        "Project " + project + " has no grant of this version"));
        if (grant.resultType() == ResultType.AGGREGATE) {
            throw new HavenException(ErrorCode.FORBIDDEN, "Project " + project + " is granted aggregates only");
        }
        return view(grant);
    }

    private static RecordView view(DatasetGrant grant) {
        return grant.resultType() == ResultType.IDENTIFIABLE ? RecordView.identifiable(grant) : RecordView.pseudonymised(grant);
    }
}
