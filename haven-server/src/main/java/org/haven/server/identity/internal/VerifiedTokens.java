package org.haven.server.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.haven.server.database.DatabaseNotifications;
import org.haven.server.identity.Principal;

/**
 * API token rows as last read, by token id, so that a request with a known key needs no query. The stored hash is
 * kept, never the secret: every request still proves its secret against it.
 *
 * <p>The database announces every revocation, expiry change or removal on {@value #CHANNEL} (migration V16), from
 * whichever server or operator made it, and an announced token is dropped at once. Rows are kept only while those
 * announcements are being heard; after a gap everything is dropped, since an announcement may have been missed. A
 * row is kept for at most {@link #MAX_AGE} even so, which bounds how long a renamed app keeps its old name here.
 */
final class VerifiedTokens implements DatabaseNotifications.Subscriber {

    static final String CHANNEL = "haven_api_tokens";
    static final Duration MAX_AGE = Duration.ofMinutes(1);

    /** A token row: what authentication needs of it. */
    record Row(byte[] secretHash, Principal principal, Instant expiresAt) {}

    private record Kept(Row row, long keptAtNanos) {}

    private final DatabaseNotifications notifications;
    private final Map<String, Kept> rows = new ConcurrentHashMap<>();
    /**
     * Moves on every drop. A row read before a drop is not kept after it: the read may have raced the change that
     * the drop announced.
     */
    private final AtomicLong drops = new AtomicLong();

    VerifiedTokens(DatabaseNotifications notifications) {
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, this);
    }

    /** The row of a token, from memory when it is there and fresh, otherwise from {@code read}. */
    Optional<Row> row(String tokenId, Supplier<Optional<Row>> read) {
        Kept kept = rows.get(tokenId);
        if (kept != null && System.nanoTime() - kept.keptAtNanos() < MAX_AGE.toNanos()
                && notifications.listening(CHANNEL)) {
            return Optional.of(kept.row());
        }
        long dropsBefore = drops.get();
        boolean listening = notifications.listening(CHANNEL);
        Optional<Row> row = read.get();
        if (row.isPresent() && listening) {
            rows.put(tokenId, new Kept(row.get(), System.nanoTime()));
            if (drops.get() != dropsBefore || !notifications.listening(CHANNEL)) {
                rows.remove(tokenId);
            }
        } else {
            rows.remove(tokenId);
        }
        return row;
    }

    void drop(String tokenId) {
        drops.incrementAndGet();
        rows.remove(tokenId);
    }

    @Override
    public void notified(String tokenId) {
        drop(tokenId);
    }

    @Override
    public void missed() {
        drops.incrementAndGet();
        rows.clear();
    }
}
