package org.haven.privacy;

import java.util.List;
import java.util.Optional;

/**
 * Where wrapped keysets live. Implementations: {@link KeysetRepositories#inMemory()} and
 * {@link KeysetRepositories#jdbc(javax.sql.DataSource)}; both pass the same contract suite.
 */
public interface KeysetRepository {

    Optional<StoredKeyset> find(KeyScope scope, KeyPurpose purpose);

    /**
     * Stores a new keyset (version 1).
     *
     * @return false, storing nothing, when the (tenant, scope, purpose) already has one: another writer won the
     *     race, and the caller should read theirs
     */
    boolean insert(StoredKeyset keyset);

    /**
     * Replaces a keyset if the stored version is {@code expectedVersion}.
     *
     * @return false, changing nothing, when the stored version differs or there is none
     */
    boolean replace(StoredKeyset keyset, int expectedVersion);

    /** Every keyset of a tenant, for listing. */
    List<StoredKeyset> listByTenant(String tenantId);

    /** Every keyset of every tenant, for moving them all to a new master key. */
    List<StoredKeyset> listAll();
}
