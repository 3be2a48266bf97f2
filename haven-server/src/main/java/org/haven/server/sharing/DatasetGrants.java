package org.haven.server.sharing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haven.authz.SubjectRef;

/** Grants as other modules read them, to shape a read by the grant that allows it. No authorization here. */
public interface DatasetGrants {

    /**
     * The grants of exactly this result type through which the subject may read this version now: unexpired,
     * covering the version, in projects where the subject is a data user.
     */
    List<DatasetGrant> usableBy(SubjectRef subject, UUID datasetId, int version, ResultType resultType);

    /** The project's grant of the dataset, if it has one (expired or not). */
    Optional<DatasetGrant> ofProject(UUID datasetId, UUID projectId);
}
