package org.haven.server.database;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows read from the database, kept in memory for as long as the database can say when they change: a trigger
 * announces each change on a channel of {@link DatabaseNotifications} when it commits, whichever server or operator
 * made it, and the entries it names are dropped. Entries are kept only while the channel is being heard (after a
 * gap everything goes, as an announcement may have been missed), and for at most {@code maxAge} even so.
 *
 * <p>A read that raced a drop is returned but not kept: it may hold the very state the drop announced was gone.
 * Absent rows are never kept, so something created is found at once.
 */
public final class NotifiedCache<K, V> implements DatabaseNotifications.Subscriber {

    /** Whether an announcement (its payload after the schema) concerns a kept entry. */
    @FunctionalInterface
    public interface Concerns<K, V> {
        boolean concerns(String announced, K key, V value);
    }

    private static final int MAX_ENTRIES = 10_000;

    private record Kept<V>(V value, long keptAtNanos) {}

    private final DatabaseNotifications notifications;
    private final String channel;
    private final long maxAgeNanos;
    private final Concerns<K, V> concerns;
    private final Map<K, Kept<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong drops = new AtomicLong();

    public NotifiedCache(DatabaseNotifications notifications, String channel, Duration maxAge,
            Concerns<K, V> concerns) {
        this.notifications = notifications;
        this.channel = channel;
        this.maxAgeNanos = maxAge.toNanos();
        this.concerns = concerns;
        notifications.subscribe(channel, this);
    }

    /** The value for a key, kept or else from {@code read}. */
    public Optional<V> get(K key, Supplier<Optional<V>> read) {
        long now = System.nanoTime();
        Kept<V> kept = entries.get(key);
        if (kept != null && now - kept.keptAtNanos() < maxAgeNanos && notifications.listening(channel)) {
            return Optional.of(kept.value());
        }
        long dropsBefore = drops.get();
        boolean listening = notifications.listening(channel);
        Optional<V> value = read.get();
        if (value.isEmpty() || !listening) {
            entries.remove(key);
            return value;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(old -> now - old.keptAtNanos() >= maxAgeNanos);
        }
        if (entries.size() < MAX_ENTRIES) {
            entries.put(key, new Kept<>(value.get(), now));
            // Checked after the put: a drop from here on removes the entry itself.
            if (drops.get() != dropsBefore || !notifications.listening(channel)) {
                entries.remove(key);
            }
        }
        return value;
    }

    /** Drops the entries of the keys matched, for changes this server makes (without waiting for the announcement). */
    public void drop(Predicate<K> which) {
        drops.incrementAndGet();
        entries.keySet().removeIf(which);
    }

    /**
     * {@link #drop} once the current transaction ends (at once outside one): a change this server is making must
     * not wait for its announcement to be seen here, and dropping before the commit would let a read of the old
     * state be kept again meanwhile.
     */
    public void dropWhenCommitted(Predicate<K> which) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    drop(which);
                }
            });
        } else {
            drop(which);
        }
    }

    @Override
    public void notified(String announced) {
        drops.incrementAndGet();
        entries.entrySet().removeIf(entry -> concerns.concerns(announced, entry.getKey(), entry.getValue().value()));
    }

    @Override
    public void missed() {
        drop(key -> true);
    }
}
