package org.haven.server.audit.internal;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.haven.server.audit.ChainVerification;
import org.haven.server.audit.ChainVerification.Problem;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * One pass over the events in sequence order, recomputing each hash and stopping at the first event that breaks
 * the chain. Holds only the previous hash, so the log can be any length. The checks, in order, for event n:
 * its sequence is n (else event n was deleted), its previous hash is the hash of event n - 1 (else event n - 1 was
 * rewritten with a recomputed hash, or replaced), and its content hashes to its stored hash (else it was changed).
 * At the end the chain head must name the last event: a head further on means events were cut from the end.
 */
final class ChainWalk implements ResultSetExtractor<ChainVerification> {

    private final ChainHead head;

    ChainWalk(ChainHead head) {
        this.head = head;
    }

    @Override
    public ChainVerification extractData(ResultSet rows) throws SQLException {
        long expected = 1;
        byte[] previousHash = CanonicalForm.GENESIS;
        while (rows.next()) {
            long checked = expected - 1;
            ChainedEvent event = AuditRows.chainedEvent(rows);
            if (event.sequence() != expected) {
                return ChainVerification.broken(checked, expected, Problem.EVENT_MISSING,
                        "event " + expected + " is missing; the next stored event is " + event.sequence());
            }
            byte[] storedPrevious = rows.getBytes("previous_hash");
            byte[] storedHash = rows.getBytes("hash");
            if (!MessageDigest.isEqual(storedPrevious, previousHash)) {
                return ChainVerification.broken(checked, expected, Problem.LINK_BROKEN, expected == 1
                        ? "event 1 does not start from the zero hash"
                        : "event " + expected + " does not link to the stored hash of event " + (expected - 1));
            }
            if (!MessageDigest.isEqual(CanonicalForm.hash(storedPrevious, event), storedHash)) {
                return ChainVerification.broken(checked, expected, Problem.CONTENT_ALTERED,
                        "the content of event " + expected + " does not match its stored hash");
            }
            previousHash = storedHash;
            expected++;
        }
        return checkHead(expected - 1, previousHash);
    }

    private ChainVerification checkHead(long lastSequence, byte[] lastHash) {
        if (head.lastSequence() > lastSequence) {
            return ChainVerification.broken(lastSequence, lastSequence + 1, Problem.EVENT_MISSING,
                    "the log ends at event " + lastSequence + " but the chain head records event " + head.lastSequence());
        }
        if (head.lastSequence() < lastSequence) {
            return ChainVerification.broken(head.lastSequence(), head.lastSequence() + 1, Problem.HEAD_MISMATCH,
                    "the chain head records event " + head.lastSequence() + " but the log goes on to event " + lastSequence);
        }
        if (!MessageDigest.isEqual(head.lastHash(), lastHash)) {
            return ChainVerification.broken(lastSequence - 1, lastSequence, Problem.HEAD_MISMATCH,
                    "the chain head's hash is not the hash of event " + lastSequence);
        }
        return ChainVerification.intact(lastSequence);
    }
}
