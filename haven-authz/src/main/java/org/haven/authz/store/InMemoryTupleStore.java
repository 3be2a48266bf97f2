package org.haven.authz.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.haven.authz.AuthzErrorCode;
import org.haven.authz.AuthzException;
import org.haven.authz.Precondition;
import org.haven.authz.PreconditionFailedException;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipChange;
import org.haven.authz.RelationshipFilter;
import org.haven.authz.RelationshipUpdate;

/** A store in this process's memory: for tests, validation files and single-process use without a database. */
public final class InMemoryTupleStore implements TupleStore {

    private final String storeId = "mem-" + UUID.randomUUID();
    private final Clock clock;
    private final Map<Relationship.Key, Relationship> relationships = new LinkedHashMap<>();
    private final List<RelationshipChange> changes = new ArrayList<>();
    private final List<Integer> firstChangeOfRevision = new ArrayList<>();
    private long revision;

    public InMemoryTupleStore() {
        this(Clock.systemUTC());
    }

    public InMemoryTupleStore(Clock clock) {
        this.clock = clock;
        firstChangeOfRevision.add(0);
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public synchronized long write(List<RelationshipUpdate> updates, List<Precondition> preconditions) {
        checkPreconditions(preconditions);
        Set<Relationship.Key> present = new HashSet<>();
        for (RelationshipUpdate update : updates) {
            if (update.operation() == RelationshipUpdate.Operation.CREATE) {
                Relationship.Key key = update.relationship().key();
                Relationship existing = relationships.get(key);
                if ((existing != null && !existing.isExpiredAt(clock.instant())) || !present.add(key)) {
                    throw new AuthzException(AuthzErrorCode.RELATIONSHIP_EXISTS, "relationship already exists: " + key);
                }
            }
        }
        List<RelationshipChange> batch = new ArrayList<>();
        long next = revision + 1;
        for (RelationshipUpdate update : updates) {
            Relationship relationship = update.relationship();
            if (update.operation() == RelationshipUpdate.Operation.DELETE) {
                Relationship removed = relationships.remove(relationship.key());
                if (removed != null) {
                    batch.add(new RelationshipChange(next, RelationshipChange.Kind.DELETE, removed));
                }
            } else {
                relationships.put(relationship.key(), relationship);
                batch.add(new RelationshipChange(next, RelationshipChange.Kind.TOUCH, relationship));
            }
        }
        return commit(batch);
    }

    @Override
    public synchronized long deleteMatching(RelationshipFilter filter, List<Precondition> preconditions) {
        checkPreconditions(preconditions);
        long next = revision + 1;
        List<RelationshipChange> batch = new ArrayList<>();
        relationships.values().removeIf(relationship -> {
            if (filter.matches(relationship)) {
                batch.add(new RelationshipChange(next, RelationshipChange.Kind.DELETE, relationship));
                return true;
            }
            return false;
        });
        return commit(batch);
    }

    private long commit(List<RelationshipChange> batch) {
        revision++;
        changes.addAll(batch);
        firstChangeOfRevision.add(changes.size());
        return revision;
    }

    private void checkPreconditions(List<Precondition> preconditions) {
        for (Precondition precondition : preconditions) {
            boolean anyMatch = relationships.values().stream()
                    .anyMatch(relationship -> !relationship.isExpiredAt(clock.instant()) && precondition.filter().matches(relationship));
            if (!precondition.isSatisfiedBy(anyMatch)) {
                throw new PreconditionFailedException(precondition);
            }
        }
    }

    @Override
    public synchronized List<Relationship> read(RelationshipFilter filter) {
        List<Relationship> result = new ArrayList<>();
        for (Relationship relationship : relationships.values()) {
            if (filter.matches(relationship) && !relationship.isExpiredAt(clock.instant())) {
                result.add(relationship);
            }
        }
        return result;
    }

    @Override
    public synchronized long currentRevision() {
        return revision;
    }

    @Override
    public synchronized ChangeLog changesAfter(long after, int maxRevisions) {
        if (after >= revision) {
            return new ChangeLog(List.of(), Math.max(after, revision));
        }
        long through = Math.min(revision, after + Math.max(1, maxRevisions));
        int from = firstChangeOfRevision.get((int) Math.max(0, after));
        int to = firstChangeOfRevision.get((int) through);
        return new ChangeLog(new ArrayList<>(changes.subList(from, to)), through);
    }

    @Override
    public synchronized long loadAll(Consumer<Relationship> sink) {
        relationships.values().forEach(sink);
        return revision;
    }
}
