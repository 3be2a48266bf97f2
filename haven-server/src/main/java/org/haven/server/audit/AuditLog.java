package org.haven.server.audit;

import java.util.List;

/** Appends audit events to the hash chain, finds them for auditors and checks that the chain is intact. */
public interface AuditLog {

    /**
     * Appends {@code event} to the chain. Inside a transaction on Haven's database the event joins it, so it commits
     * or rolls back with the change it describes; otherwise it is written in a transaction of its own. Appending
     * takes the chain lock until that transaction ends, so append as the last write of a transaction, and keep the
     * transaction short. A caller at REPEATABLE READ or SERIALIZABLE isolation may get a serialization failure when
     * another transaction appended since its snapshot began, and retries as for any other.
     *
     * @throws org.haven.server.errors.HavenException with {@code VALIDATION_FAILED} when a field breaks the limits
     *     (lengths, formats, size of the details)
     */
    AuditRecord append(AuditEvent event);

    /**
     * Appends the events, in order, in one transaction (joining the caller's, as {@link #append} does), so that
     * many events cost one chain lock and one commit. Every event is checked before any is written: one that breaks
     * the limits fails the whole call and writes nothing.
     */
    List<AuditRecord> appendAll(List<AuditEvent> events);

    /**
     * One page of the events that match every filter of {@code query}, newest (highest sequence) first.
     *
     * @throws org.haven.server.errors.HavenException with {@code VALIDATION_FAILED} for a cursor this log did not issue
     */
    AuditPage find(AuditQuery query);

    /**
     * Recomputes the whole chain from the first event, in one consistent snapshot, and reports the first event that
     * does not match. Reads the log in batches, so memory use does not grow with its length.
     */
    ChainVerification verify();
}
