package org.haven.server.identity.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.haven.server.identity.Principal;
import org.haven.server.identity.Users;

/**
 * The users behind recent bearer tokens, so that a caller's every request does not read (or, for OIDC, upsert) their
 * row. Safe because a user row is never removed or disabled and changes only through {@link Users#provision}, whose
 * arguments are part of the key here: new claims from the issuer reach the database on the request that brings them.
 * What waits up to {@link #MAX_AGE} is {@code last_seen_at}, and a name changed by another server's provisioning.
 * A user state that must stop requests (a disabled user, say) must not be added without dropping entries here.
 */
final class RecentUsers {

    static final Duration MAX_AGE = Duration.ofMinutes(1);
    private static final int MAX_ENTRIES = 10_000;

    private record Claims(String issuer, String subject, String email, String displayName) {}

    private record Seen(Principal.User user, long seenAtNanos) {}

    private final Users users;
    private final Map<Claims, Seen> provisioned = new ConcurrentHashMap<>();
    private final Map<UUID, Seen> found = new ConcurrentHashMap<>();

    RecentUsers(Users users) {
        this.users = users;
    }

    /** {@link Users#provision}, at most once a minute for the same claims. */
    Principal.User provision(String issuer, String subject, String email, String displayName) {
        return recent(provisioned, new Claims(issuer, subject, email, displayName),
                () -> Optional.of(users.provision(issuer, subject, email, displayName))).orElseThrow();
    }

    /** {@link Users#find}, at most once a minute for the same user; an unknown id is asked every time. */
    Optional<Principal.User> find(UUID id) {
        return recent(found, id, () -> users.find(id));
    }

    private static <K> Optional<Principal.User> recent(Map<K, Seen> seen, K key, Supplier<Optional<Principal.User>> read) {
        long now = System.nanoTime();
        Seen entry = seen.get(key);
        if (entry != null && now - entry.seenAtNanos() < MAX_AGE.toNanos()) {
            return Optional.of(entry.user());
        }
        Optional<Principal.User> user = read.get();
        if (user.isPresent()) {
            if (seen.size() >= MAX_ENTRIES) {
                seen.values().removeIf(old -> now - old.seenAtNanos() >= MAX_AGE.toNanos());
            }
            if (seen.size() < MAX_ENTRIES) {
                seen.put(key, new Seen(user.get(), now));
            }
        }
        return user;
    }
}
