package org.haven.authz;

import java.util.List;
import org.haven.authz.internal.IndexedAuthzEngine;
import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.SchemaParser;
import org.haven.authz.store.TupleStore;

/**
 * The authorization engine: relationships in, answers out. It evaluates against an indexed in-memory view of the
 * store that follows the store's change log, so several processes sharing one database see each other's writes
 * within the refresh interval, and at once when a read carries a newer {@link RevisionToken}.
 */
public interface AuthzEngine extends AutoCloseable {

    /** An engine over {@code store} for the schema text, with default settings. */
    static AuthzEngine open(String schemaText, TupleStore store) {
        return open(SchemaParser.parse(schemaText), store, AuthzSettings.defaults());
    }

    static AuthzEngine open(CompiledSchema schema, TupleStore store, AuthzSettings settings) {
        return IndexedAuthzEngine.start(schema, store, settings);
    }

    CompiledSchema schema();

    /**
     * Applies the updates atomically if every precondition holds; returns the revision of the write. When the store
     * joined the caller's database transaction, the revision becomes visible only once the caller commits: the
     * engine does not wait for it, and the caller hands the token to {@link #catchUp} after the commit.
     */
    RevisionToken write(List<RelationshipUpdate> updates, List<Precondition> preconditions);

    default RevisionToken write(List<RelationshipUpdate> updates) {
        return write(updates, List.of());
    }

    /** Deletes every relationship matching the filter, atomically with the preconditions. */
    RevisionToken deleteRelationships(RelationshipFilter filter, List<Precondition> preconditions);

    List<Relationship> readRelationships(RelationshipFilter filter, Consistency consistency);

    CheckResult check(CheckRequest request);

    /** Checks many requests against one view of the data; answers are in request order. */
    List<CheckResult> checkBulk(List<CheckRequest> requests);

    List<ResourceResult> lookupResources(LookupResourcesRequest request);

    List<SubjectResult> lookupSubjects(LookupSubjectsRequest request);

    ExpandTree expand(ObjectRef resource, String permission, Consistency consistency);

    /**
     * The change feed: the changes of up to {@code limit} revisions committed after {@code after}, in commit order.
     * A revision is never split across batches, so a batch may hold more than {@code limit} changes.
     */
    ChangeBatch watch(RevisionToken after, int limit);

    /**
     * Makes the local view at least as fresh as the token; returns at once if it already is. A token the store has
     * not committed (a write whose transaction was rolled back, or is still open) raises
     * {@link AuthzErrorCode#REVISION_UNKNOWN}.
     */
    void catchUp(RevisionToken token);

    /** The revision of the newest committed write. */
    RevisionToken currentRevision();

    @Override
    void close();
}
