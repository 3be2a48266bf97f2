package org.haven.authz.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.haven.authz.AuthzEngine;
import org.haven.authz.AuthzErrorCode;
import org.haven.authz.AuthzException;
import org.haven.authz.AuthzSettings;
import org.haven.authz.ChangeBatch;
import org.haven.authz.CheckRequest;
import org.haven.authz.CheckResult;
import org.haven.authz.Consistency;
import org.haven.authz.ExpandTree;
import org.haven.authz.LookupResourcesRequest;
import org.haven.authz.LookupSubjectsRequest;
import org.haven.authz.ObjectRef;
import org.haven.authz.Precondition;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipChange;
import org.haven.authz.RelationshipFilter;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.ResourceResult;
import org.haven.authz.RevisionToken;
import org.haven.authz.SubjectRef;
import org.haven.authz.SubjectResult;
import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.Definition;
import org.haven.authz.store.ChangeLog;
import org.haven.authz.store.TupleStore;

/**
 * The engine: writes go to the store, reads are answered from an in-memory index that follows the store's change
 * log. A background poll keeps the index at most one refresh interval behind other processes; a read that asks
 * for a newer revision catches up first.
 */
public final class IndexedAuthzEngine implements AuthzEngine {

    private static final Logger LOG = Logger.getLogger(IndexedAuthzEngine.class.getName());
    private static final int REVISIONS_PER_CATCH_UP = 1000;

    private final CompiledSchema schema;
    private final SchemaGraph graph;
    private final TupleStore store;
    private final AuthzSettings settings;
    private final RelationshipIndex index = new RelationshipIndex();
    private final Object catchUpLock = new Object();
    private final ScheduledExecutorService poller;

    private IndexedAuthzEngine(CompiledSchema schema, TupleStore store, AuthzSettings settings) {
        this.schema = schema;
        this.graph = new SchemaGraph(schema);
        this.store = store;
        this.settings = settings;
        Lock write = index.lock().writeLock();
        write.lock();
        try {
            index.advanceTo(store.loadAll(index::put));
        } finally {
            write.unlock();
        }
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "haven-authz-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.refreshInterval().toMillis();
        poller.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Loads the store into memory and starts following it. */
    public static IndexedAuthzEngine start(CompiledSchema schema, TupleStore store, AuthzSettings settings) {
        return new IndexedAuthzEngine(schema, store, settings);
    }

    @Override
    public CompiledSchema schema() {
        return schema;
    }

    /** How many relationships the in-memory view holds (expired ones included until deleted). */
    public int indexedRelationships() {
        Lock read = index.lock().readLock();
        read.lock();
        try {
            return index.size();
        } finally {
            read.unlock();
        }
    }

    /**
     * After a write in a transaction of its own the view catches up at once, so this process reads its writes. A
     * write that joined the caller's transaction is not yet visible through the store's reads: catching up then
     * stops at the newest committed revision, and the caller's {@link #catchUp} after commit finishes the job.
     */
    @Override
    public RevisionToken write(List<RelationshipUpdate> updates, List<Precondition> preconditions) {
        RelationshipValidator.check(schema, updates);
        long revision = store.write(updates, preconditions);
        catchUpTo(revision);
        return token(revision);
    }

    @Override
    public RevisionToken deleteRelationships(RelationshipFilter filter, List<Precondition> preconditions) {
        long revision = store.deleteMatching(filter, preconditions);
        catchUpTo(revision);
        return token(revision);
    }

    @Override
    public void catchUp(RevisionToken token) {
        ensureFresh(Consistency.atLeastAsFresh(token));
    }

    @Override
    public List<Relationship> readRelationships(RelationshipFilter filter, Consistency consistency) {
        // The store always answers with its latest commit, which satisfies every consistency level.
        return store.read(filter);
    }

    @Override
    public CheckResult check(CheckRequest request) {
        return checkBulk(List.of(request)).get(0);
    }

    @Override
    public List<CheckResult> checkBulk(List<CheckRequest> requests) {
        for (CheckRequest request : requests) {
            requireNode(request.resource().type(), request.permission());
            requireType(request.subject().type());
            ensureFresh(request.consistency());
        }
        Instant now = settings.clock().instant();
        Lock read = index.lock().readLock();
        read.lock();
        try {
            Map<List<Object>, CheckEvaluator> evaluators = new HashMap<>();
            List<CheckResult> results = new ArrayList<>(requests.size());
            for (CheckRequest request : requests) {
                CheckEvaluator evaluator = evaluators.computeIfAbsent(List.of(request.subject(), request.context()),
                        key -> new CheckEvaluator(schema, index, request.subject(), request.context(), now, settings.maxDepth()));
                results.add(evaluator.check(request.resource(), request.permission()));
            }
            return results;
        } finally {
            read.unlock();
        }
    }

    @Override
    public List<ResourceResult> lookupResources(LookupResourcesRequest request) {
        requireNode(request.resourceType(), request.permission());
        requireType(request.subject().type());
        ensureFresh(request.consistency());
        Instant now = settings.clock().instant();
        Lock read = index.lock().readLock();
        read.lock();
        try {
            Set<ObjectRef> candidates = ResourceCandidates.find(graph, index, request.subject(), request.resourceType(), request.permission(), now);
            CheckEvaluator evaluator = new CheckEvaluator(schema, index, request.subject(), request.context(), now, settings.maxDepth());
            List<ResourceResult> results = new ArrayList<>();
            for (ObjectRef candidate : candidates) {
                CheckResult result = evaluator.check(candidate, request.permission());
                if (!Outcomes.isNo(result)) {
                    results.add(new ResourceResult(candidate, result));
                }
            }
            return results;
        } finally {
            read.unlock();
        }
    }

    @Override
    public List<SubjectResult> lookupSubjects(LookupSubjectsRequest request) {
        requireNode(request.resource().type(), request.permission());
        requireType(request.subjectType());
        ensureFresh(request.consistency());
        Instant now = settings.clock().instant();
        Lock read = index.lock().readLock();
        read.lock();
        try {
            NodeKey start = new NodeKey(request.resource().type(), request.resource().id(), request.permission());
            Set<SubjectRef> candidates = SubjectCandidates.find(schema, index, start, request.subjectType(), request.subjectRelation(), now, false);
            List<SubjectResult> results = new ArrayList<>();
            List<SubjectRef> notReached = new ArrayList<>();
            SubjectRef wildcard = null;
            CheckResult wildcardResult = null;
            for (SubjectRef candidate : candidates) {
                CheckResult result = new CheckEvaluator(schema, index, candidate, request.context(), now, settings.maxDepth())
                        .check(request.resource(), request.permission());
                if (candidate.isWildcard()) {
                    wildcard = candidate;
                    wildcardResult = result;
                } else if (Outcomes.isNo(result)) {
                    notReached.add(candidate);
                } else {
                    results.add(new SubjectResult(candidate, result, List.of()));
                }
            }
            if (wildcard != null && !Outcomes.isNo(wildcardResult)) {
                notReached.sort(Comparator.comparing(SubjectRef::toString));
                results.add(0, new SubjectResult(wildcard, wildcardResult, notReached));
            }
            return results;
        } finally {
            read.unlock();
        }
    }

    /**
     * Every subject met while expanding the node (subject sets included), without checking them: the raw material
     * of validation files' expected relations.
     */
    public Set<SubjectRef> reachableSubjects(ObjectRef resource, String relation, Consistency consistency) {
        requireNode(resource.type(), relation);
        ensureFresh(consistency);
        Lock read = index.lock().readLock();
        read.lock();
        try {
            return SubjectCandidates.find(schema, index, new NodeKey(resource.type(), resource.id(), relation), null, null,
                    settings.clock().instant(), true);
        } finally {
            read.unlock();
        }
    }

    @Override
    public ExpandTree expand(ObjectRef resource, String permission, Consistency consistency) {
        requireNode(resource.type(), permission);
        ensureFresh(consistency);
        Lock read = index.lock().readLock();
        read.lock();
        try {
            return new Expander(schema, index, settings.clock().instant(), settings.maxDepth())
                    .expand(new NodeKey(resource.type(), resource.id(), permission), 0);
        } finally {
            read.unlock();
        }
    }

    @Override
    public ChangeBatch watch(RevisionToken after, int limit) {
        long from = after == null ? 0 : after.revisionFor(store.storeId());
        ChangeLog log = store.changesAfter(from, Math.max(1, limit));
        return new ChangeBatch(log.changes(), token(log.throughRevision()));
    }

    @Override
    public RevisionToken currentRevision() {
        return token(store.currentRevision());
    }

    /** The revision the in-memory view has reached. */
    public RevisionToken indexedRevision() {
        return token(index.revision());
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private void ensureFresh(Consistency consistency) {
        if (consistency instanceof Consistency.FullyConsistent) {
            catchUpTo(store.currentRevision());
        } else if (consistency instanceof Consistency.AtLeastAsFresh fresh) {
            long wanted = fresh.token().revisionFor(store.storeId());
            if (wanted > index.revision()) {
                catchUpTo(wanted);
                if (index.revision() < wanted) {
                    throw new AuthzException(AuthzErrorCode.REVISION_UNKNOWN, "revision token is newer than the store");
                }
            }
        }
    }

    private void refreshQuietly() {
        try {
            catchUpTo(store.currentRevision());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not refresh the authorization view; will retry", e);
        }
    }

    /**
     * Applies the store's change log to the index until it has reached {@code target} or the store runs out. The
     * log holds committed revisions only, so a target that is not committed yet ends the loop at the newest one
     * instead of waiting for it.
     */
    private void catchUpTo(long target) {
        synchronized (catchUpLock) {
            while (index.revision() < target) {
                ChangeLog log = store.changesAfter(index.revision(), REVISIONS_PER_CATCH_UP);
                if (log.throughRevision() <= index.revision()) {
                    return;
                }
                Lock write = index.lock().writeLock();
                write.lock();
                try {
                    for (RelationshipChange change : log.changes()) {
                        index.apply(change);
                    }
                    index.advanceTo(log.throughRevision());
                } finally {
                    write.unlock();
                }
            }
        }
    }

    private void requireNode(String type, String name) {
        Definition definition = requireType(type);
        if (!definition.hasRelationOrPermission(name)) {
            throw new AuthzException(AuthzErrorCode.REQUEST_INVALID, "type '" + type + "' has no relation or permission '" + name + "'");
        }
    }

    private Definition requireType(String type) {
        Definition definition = schema.definition(type);
        if (definition == null) {
            throw new AuthzException(AuthzErrorCode.REQUEST_INVALID, "unknown type '" + type + "'");
        }
        return definition;
    }

    private RevisionToken token(long revision) {
        return RevisionToken.of(store.storeId(), revision);
    }
}
