package org.haven.privacy;

import javax.sql.DataSource;

import org.haven.privacy.internal.InMemoryKeysetRepository;
import org.haven.privacy.internal.JdbcKeysetRepository;

/** The repositories that ship with the library. */
public final class KeysetRepositories {

    private KeysetRepositories() {
    }

    /** Keysets in this JVM only: tests and throwaway runs. */
    public static KeysetRepository inMemory() {
        return new InMemoryKeysetRepository();
    }

    /** Keysets in PostgreSQL, table {@code privacy_keysets}; run {@link PrivacySchemaMigrations#apply} first. */
    public static KeysetRepository jdbc(DataSource dataSource) {
        return new JdbcKeysetRepository(dataSource);
    }
}
