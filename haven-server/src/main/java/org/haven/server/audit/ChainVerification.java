package org.haven.server.audit;

/**
 * The result of {@link AuditLog#verify()}: how many events were found intact, from the first, and the first place
 * the chain is broken (null when it is whole).
 */
public record ChainVerification(long eventsChecked, Break firstBreak) {

    public static ChainVerification intact(long eventsChecked) {
        return new ChainVerification(eventsChecked, null);
    }

    public static ChainVerification broken(long eventsChecked, long sequence, Problem problem, String detail) {
        return new ChainVerification(eventsChecked, new Break(sequence, problem, detail));
    }

    public boolean ok() {
        return firstBreak == null;
    }

    /** Where the chain first fails: the sequence of the event concerned, what is wrong, and in words. */
    public record Break(long sequence, Problem problem, String detail) {}

    public enum Problem {
        /** The event's content no longer hashes to its stored hash: a field or the hash itself was changed. */
        CONTENT_ALTERED,
        /** The event's previous hash is not the hash of the event before it: that event was rewritten or replaced. */
        LINK_BROKEN,
        /** The event with this sequence is gone: deleted from the middle, or from the end of the chain. */
        EVENT_MISSING,
        /** The chain head disagrees with the newest event. */
        HEAD_MISMATCH
    }
}
