package org.haven.authz.store;

import java.util.List;
import java.util.function.Consumer;
import org.haven.authz.Precondition;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipFilter;
import org.haven.authz.RelationshipUpdate;

/**
 * Where relationships live. Every store keeps a totally ordered change log: each successful write or delete
 * gets the next revision, and a reader that saw revision {@code n} never later finds a change with a revision at or
 * below {@code n} that it had not seen. The engine relies on that to keep its in-memory view exact. Every
 * implementation runs the same conformance suite.
 *
 * <p>Expired relationships are still stored until deleted, but never match preconditions nor filters in
 * {@link #read}.
 */
public interface TupleStore extends AutoCloseable {

    /** Identifies this store's history; revision tokens carry it. */
    String storeId();

    /**
     * Applies all updates atomically if every precondition holds, else throws
     * {@link org.haven.authz.PreconditionFailedException} and changes nothing. A CREATE of an existing relationship
     * fails the batch with {@link org.haven.authz.AuthzErrorCode#RELATIONSHIP_EXISTS}.
     *
     * @return the revision of this write
     */
    long write(List<RelationshipUpdate> updates, List<Precondition> preconditions);

    /** Deletes every relationship matching the filter, atomically with the preconditions; returns the revision. */
    long deleteMatching(RelationshipFilter filter, List<Precondition> preconditions);

    /** The unexpired relationships matching the filter, as of the latest commit. */
    List<Relationship> read(RelationshipFilter filter);

    /** The revision of the newest commit (0 for an empty store). */
    long currentRevision();

    /** Changes after {@code revision}, at most {@code maxRevisions} revisions' worth; never splits a revision. */
    ChangeLog changesAfter(long revision, int maxRevisions);

    /** Streams every stored relationship of one consistent snapshot and returns that snapshot's revision. */
    long loadAll(Consumer<Relationship> sink);

    @Override
    default void close() {}
}
