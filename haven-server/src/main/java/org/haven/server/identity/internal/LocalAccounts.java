package org.haven.server.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.haven.server.config.HavenSettings;
import org.haven.server.identity.Principal;
import org.haven.server.identity.Users;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts of the built-in sign-in. Passwords are hashed with Argon2id (memory-hard). After
 * {@code lockoutThreshold} consecutive failures an account is locked, for 30 seconds doubling with each further
 * failure up to an hour; while locked, even the right password is refused, so guessing gains nothing.
 */
@Service
class LocalAccounts {

    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Duration FIRST_LOCKOUT = Duration.ofSeconds(30);
    private static final Duration LONGEST_LOCKOUT = Duration.ofHours(1);
    /** Compared against when the username is unknown, so both cases cost one hash. */
    private static final String DUMMY_HASH = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("not-a-password");

    private final JdbcClient jdbc;
    private final Users users;
    private final PasswordEncoder passwords = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final int lockoutThreshold;

    LocalAccounts(JdbcClient jdbc, Users users, HavenSettings settings) {
        this.jdbc = jdbc;
        this.users = users;
        this.lockoutThreshold = settings.identity().lockoutThreshold();
    }

    /** What a sign-in attempt found. */
    sealed interface SignIn {
        record Accepted(Principal.User user) implements SignIn {}

        record Rejected() implements SignIn {}

        record Locked(Instant until) implements SignIn {}
    }

    @Transactional
    SignIn signIn(String username, String password) {
        Optional<Account> found = jdbc.sql("""
                        SELECT user_id, password_hash, failed_attempts, locked_until FROM local_accounts
                        WHERE lower(username) = lower(:username) FOR UPDATE""")
                .param("username", username)
                .query((rs, row) -> new Account(rs.getObject("user_id", UUID.class), rs.getString("password_hash"),
                        rs.getInt("failed_attempts"), rs.getObject("locked_until", OffsetDateTime.class)))
                .optional();
        if (found.isEmpty()) {
            passwords.matches(password, DUMMY_HASH);
            return new SignIn.Rejected();
        }
        Account account = found.get();
        Instant now = Instant.now();
        if (account.lockedUntil() != null && account.lockedUntil().toInstant().isAfter(now)) {
            return new SignIn.Locked(account.lockedUntil().toInstant());
        }
        if (!passwords.matches(password, account.passwordHash())) {
            int failures = account.failedAttempts() + 1;
            Instant lockedUntil = failures >= lockoutThreshold ? now.plus(lockout(failures - lockoutThreshold)) : null;
            jdbc.sql("UPDATE local_accounts SET failed_attempts = :failures, locked_until = :until WHERE user_id = :id")
                    .param("failures", failures)
                    .param("until", lockedUntil == null ? null : OffsetDateTime.ofInstant(lockedUntil, ZoneOffset.UTC))
                    .param("id", account.userId())
                    .update();
            return lockedUntil == null ? new SignIn.Rejected() : new SignIn.Locked(lockedUntil);
        }
        jdbc.sql("UPDATE local_accounts SET failed_attempts = 0, locked_until = NULL WHERE user_id = :id")
                .param("id", account.userId()).update();
        return new SignIn.Accepted(users.find(account.userId()).orElseThrow());
    }

    /** Creates a local account and its user; the password must be at least {@value #MIN_PASSWORD_LENGTH} characters. */
    @Transactional
    Principal.User create(String username, String password, String displayName) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password shorter than " + MIN_PASSWORD_LENGTH + " characters");
        }
        Principal.User user = users.provision(Users.LOCAL_ISSUER, username.toLowerCase(Locale.ROOT), null, displayName);
        jdbc.sql("INSERT INTO local_accounts (user_id, username, password_hash) VALUES (:id, :username, :hash)")
                .param("id", user.id()).param("username", username).param("hash", passwords.encode(password))
                .update();
        return user;
    }

    boolean anyExist() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM local_accounts)").query(Boolean.class).single();
    }

    static Duration lockout(int failuresPastThreshold) {
        Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << Math.min(failuresPastThreshold, 20));
        return lockout.compareTo(LONGEST_LOCKOUT) > 0 ? LONGEST_LOCKOUT : lockout;
    }

    private record Account(UUID userId, String passwordHash, int failedAttempts, OffsetDateTime lockedUntil) {}
}
