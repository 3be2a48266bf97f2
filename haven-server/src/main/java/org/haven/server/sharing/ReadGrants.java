package org.haven.server.sharing;

import java.util.UUID;
import org.haven.authz.SubjectRef;

/**
 * The grant a read of records goes through, for every module that serves records of a dataset (downloads, served
 * FHIR resources). The caller has already checked that the subject may read the version at least pseudonymised.
 */
public interface ReadGrants {

    /**
     * Without {@code project}, the most the subject may see: the stored values when they may read them, otherwise
     * their one pseudonymised grant. With {@code project}, that project's grant, which also lets a dataset's manager
     * see what the project sees.
     *
     * @throws org.haven.server.errors.HavenException FORBIDDEN when no grant allows the read, VALIDATION_FAILED when
     *     grants in several projects do and none is named (their tokens differ)
     */
    ReadGrant of(SubjectRef subject, UUID datasetId, int version, UUID project);
}
