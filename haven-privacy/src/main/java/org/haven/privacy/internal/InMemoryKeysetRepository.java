package org.haven.privacy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.haven.privacy.KeyPurpose;
import org.haven.privacy.KeyScope;
import org.haven.privacy.KeysetRepository;
import org.haven.privacy.StoredKeyset;

/** Keysets in a map; atomic per key, like the JDBC repository's primary key and version check. */
public final class InMemoryKeysetRepository implements KeysetRepository {

    private record Key(KeyScope scope, KeyPurpose purpose) {
    }

    private final Map<Key, StoredKeyset> keysets = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredKeyset> find(KeyScope scope, KeyPurpose purpose) {
        return Optional.ofNullable(keysets.get(new Key(scope, purpose)));
    }

    @Override
    public boolean insert(StoredKeyset keyset) {
        return keysets.putIfAbsent(new Key(keyset.scope(), keyset.purpose()), keyset) == null;
    }

    @Override
    public boolean replace(StoredKeyset keyset, int expectedVersion) {
        boolean[] replaced = {false};
        keysets.computeIfPresent(new Key(keyset.scope(), keyset.purpose()), (key, current) -> {
            if (current.version() != expectedVersion) {
                return current;
            }
            replaced[0] = true;
            return keyset;
        });
        return replaced[0];
    }

    @Override
    public List<StoredKeyset> listByTenant(String tenantId) {
        List<StoredKeyset> result = new ArrayList<>();
        for (StoredKeyset keyset : keysets.values()) {
            if (keyset.scope().tenantId().equals(tenantId)) {
                result.add(keyset);
            }
        }
        return result;
    }

    @Override
    public List<StoredKeyset> listAll() {
        return new ArrayList<>(keysets.values());
    }
}
