package org.haven.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfSet;

import org.haven.privacy.internal.TinkRuntime;

/**
 * Tink keysets per (tenant, scope, purpose), wrapped by the {@link MasterKey} in a {@link KeysetRepository}. A keyset
 * is generated on first use; concurrent first uses (threads or servers) converge on the one that was stored first.
 * Unwrapped keysets are cached in this process; a rotation made by another process is seen after
 * {@link #forget(KeyScope)} or a restart (old ciphertexts keep decrypting meanwhile: only new outputs lag).
 * Thread-safe.
 */
public final class KeyRing {

    private record CacheKey(KeyScope scope, KeyPurpose purpose) {
    }

    /**
     * A keyset unwrapped in this process, with the primitive of its purpose made on first use and kept: Tink's
     * primitives are thread-safe, and making one (a JCE lookup and key set-up per key) costs more than the HMAC of a
     * short value, so making it per request would dominate a pseudonymised read.
     */
    private static final class Loaded {

        private final KeysetHandle handle;
        private final KeysetInfo info;
        private volatile Object primitive;

        Loaded(KeysetHandle handle, KeysetInfo info) {
            this.handle = handle;
            this.info = info;
        }

        KeysetHandle handle() {
            return handle;
        }

        KeysetInfo info() {
            return info;
        }

        /** The primitive {@code make} builds from the handle; two threads racing here may both build one. */
        <P> P primitive(Class<P> type, Function<KeysetHandle, P> make) {
            Object made = primitive;
            if (made == null) {
                made = make.apply(handle);
                primitive = made;
            }
            return type.cast(made);
        }
    }

    private final KeysetRepository repository;
    private final MasterKey masterKey;
    /** While servers move to a new master key: the old one, which servers not yet restarted still wrap with. */
    private final MasterKey previousMasterKey;
    private final Clock clock;
    private final Map<CacheKey, Loaded> cache = new ConcurrentHashMap<>();

    public KeyRing(KeysetRepository repository, MasterKey masterKey) {
        this(repository, masterKey, Clock.systemUTC());
    }

    public KeyRing(KeysetRepository repository, MasterKey masterKey, Clock clock) {
        this(repository, masterKey, null, clock);
    }

    /**
     * A ring on {@code masterKey} that also opens keysets still wrapped by {@code previous}, and wraps each by the
     * current key as it opens it: while servers restart one by one onto a new master key, those not yet restarted
     * create and rotate keysets under the old one, and the restarted ones must read them all the same. Pair it with
     * {@link #rewrapFrom(MasterKey)} at start for the keysets nobody asks for.
     */
    public KeyRing(KeysetRepository repository, MasterKey masterKey, MasterKey previous, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
        this.previousMasterKey = previous;
        this.clock = Objects.requireNonNull(clock, "clock");
        TinkRuntime.ensureRegistered();
    }

    /** The keys of one scope; keysets are loaded or created when a primitive is first asked for. */
    public ScopedKeys forScope(KeyScope scope) {
        return new ScopedKeys(this, Objects.requireNonNull(scope, "scope"));
    }

    /** The keyset's ids and version, without creating it. */
    public Optional<KeysetInfo> describe(KeyScope scope, KeyPurpose purpose) {
        return repository.find(scope, purpose).map(stored -> unwrap(stored).info());
    }

    /**
     * Adds a new key to an ENCRYPT keyset and makes it primary: new ciphertexts use it, old ones still decrypt
     * because each names its key. TOKENISE and PSEUDONYMISE keysets refuse: their outputs must stay equal for equal
     * inputs, so a new key would split every identity (re-tokenise into a new scope instead).
     */
    public KeysetInfo rotate(KeyScope scope, KeyPurpose purpose) {
        if (!purpose.isRotatable()) {
            throw new KeyException(purpose + " keysets do not rotate: outputs must stay stable within a scope; "
                    + "re-tokenise into a new scope instead");
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            // Rotate what is stored, not what this process cached: another process may have rotated already.
            load(scope, purpose);
            StoredKeyset stored = repository.find(scope, purpose).orElseThrow(() -> new KeyException(
                    "the " + purpose + " keyset of " + scope + " disappeared during rotation"));
            Loaded current = unwrap(stored);
            KeysetHandle rotated;
            try {
                rotated = KeysetHandle.newBuilder(current.handle())
                        .addEntry(KeysetHandle.generateEntryFromParameters(parameters(purpose)).withRandomId()
                                .makePrimary())
                        .build();
            } catch (GeneralSecurityException e) {
                throw new KeyException("could not add a key to the " + purpose + " keyset of " + scope, e);
            }
            StoredKeyset next = new StoredKeyset(scope, purpose, stored.keysetId(), stored.version() + 1,
                    wrap(rotated, scope, purpose, stored.keysetId()), masterKey.id(), stored.createdAt(),
                    clock.instant());
            if (repository.replace(next, stored.version())) {
                Loaded loaded = new Loaded(rotated, info(rotated, scope, purpose, stored.keysetId(), next.version()));
                cache.put(new CacheKey(scope, purpose), loaded);
                return loaded.info();
            }
            cache.remove(new CacheKey(scope, purpose));
        }
        throw new KeyException("the " + purpose + " keyset of " + scope + " kept changing during rotation");
    }

    /**
     * Moves every stored keyset to this ring's master key: a keyset the current key cannot unwrap but
     * {@code previous} can is wrapped again by the current key, keeping its keys (so tokens and ciphertexts stay
     * valid) and bumping its version. Each write is a compare-and-set on the version read, so servers starting
     * together converge; a keyset that changed meanwhile is read again. Keysets neither key opens are reported, not
     * changed.
     */
    public RewrapReport rewrapFrom(MasterKey previous) {
        Objects.requireNonNull(previous, "previous");
        int current = 0;
        int rewrapped = 0;
        List<String> unreadable = new ArrayList<>();
        for (StoredKeyset stored : repository.listAll()) {
            switch (rewrap(stored, previous, unreadable)) {
                case CURRENT -> current++;
                case REWRAPPED -> rewrapped++;
                case UNREADABLE -> {
                    // named in unreadable
                }
            }
        }
        return new RewrapReport(current, rewrapped, unreadable);
    }

    private enum RewrapOutcome { CURRENT, REWRAPPED, UNREADABLE }

    private RewrapOutcome rewrap(StoredKeyset listed, MasterKey previous, List<String> unreadable) {
        StoredKeyset stored = listed;
        for (int attempt = 0; attempt < 5; attempt++) {
            Opened byCurrent = open(stored, masterKey);
            if (byCurrent.handle() != null) {
                return RewrapOutcome.CURRENT;
            }
            Opened byPrevious = open(stored, previous);
            if (byPrevious.handle() == null) {
                unreadable.add(stored.keysetId() + " (" + stored.purpose() + " of " + stored.scope()
                        + ", recorded as wrapped by " + stored.masterKeyId() + "; current key: " + byCurrent.failure()
                        + "; previous key: " + byPrevious.failure() + ")");
                return RewrapOutcome.UNREADABLE;
            }
            StoredKeyset next = wrappedAnew(stored, byPrevious.handle());
            if (repository.replace(next, stored.version())) {
                cache.remove(new CacheKey(stored.scope(), stored.purpose()));
                return RewrapOutcome.REWRAPPED;
            }
            // Another server rewrapped it, or one still on the previous key rotated it: judge what is stored now.
            StoredKeyset lost = stored;
            stored = repository.find(lost.scope(), lost.purpose()).orElseThrow(() -> new KeyException(
                    "the " + lost.purpose() + " keyset of " + lost.scope() + " disappeared during the rewrap"));
        }
        throw new KeyException("the " + listed.purpose() + " keyset " + listed.keysetId() + " of " + listed.scope()
                + " kept changing during the rewrap");
    }

    /** Drops this process's cached keysets of a scope, so the next use reads the repository again. */
    public void forget(KeyScope scope) {
        cache.keySet().removeIf(key -> key.scope().equals(scope));
    }

    Prf tokeniser(KeyScope scope) {
        return load(scope, KeyPurpose.TOKENISE).primitive(Prf.class, handle -> {
            PrfSet set = TinkRuntime.primitive(handle, PrfSet.class);
            try {
                return set.getPrfs().get(set.getPrimaryId());
            } catch (GeneralSecurityException e) {
                throw new KeyException("the TOKENISE keyset of " + scope + " has no usable primary key", e);
            }
        });
    }

    DeterministicAead pseudonymiser(KeyScope scope) {
        return load(scope, KeyPurpose.PSEUDONYMISE).primitive(DeterministicAead.class,
                handle -> TinkRuntime.primitive(handle, DeterministicAead.class));
    }

    Aead encrypter(KeyScope scope) {
        return load(scope, KeyPurpose.ENCRYPT).primitive(Aead.class, handle -> TinkRuntime.primitive(handle, Aead.class));
    }

    KeysetInfo info(KeyScope scope, KeyPurpose purpose) {
        return load(scope, purpose).info();
    }

    private Loaded load(KeyScope scope, KeyPurpose purpose) {
        CacheKey key = new CacheKey(scope, purpose);
        Loaded cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Loaded loaded = repository.find(scope, purpose).map(this::unwrap).orElseGet(() -> create(scope, purpose));
        Loaded raced = cache.putIfAbsent(key, loaded);
        return raced != null ? raced : loaded;
    }

    private Loaded create(KeyScope scope, KeyPurpose purpose) {
        KeysetHandle handle;
        try {
            handle = KeysetHandle.generateNew(parameters(purpose));
        } catch (GeneralSecurityException e) {
            throw new KeyException("could not generate the " + purpose + " keyset of " + scope, e);
        }
        String keysetId = UUID.randomUUID().toString();
        StoredKeyset stored = new StoredKeyset(scope, purpose, keysetId, 1, wrap(handle, scope, purpose, keysetId),
                masterKey.id(), clock.instant(), clock.instant());
        if (repository.insert(stored)) {
            return new Loaded(handle, info(handle, scope, purpose, keysetId, 1));
        }
        return unwrap(repository.find(scope, purpose).orElseThrow(() -> new KeyException(
                "the " + purpose + " keyset of " + scope + " was neither created nor found")));
    }

    /** A keyset unwrapped by one master key, or why that key could not (Tink's or the KMS's words, no secret). */
    private record Opened(KeysetHandle handle, String failure) {
    }

    private static Opened open(StoredKeyset stored, MasterKey key) {
        try {
            return new Opened(TinkProtoKeysetFormat.parseEncryptedKeyset(stored.wrappedKeyset(), key.aead(),
                    associatedData(stored.scope(), stored.purpose(), stored.keysetId())), null);
        } catch (GeneralSecurityException e) {
            return new Opened(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private Loaded unwrap(StoredKeyset stored) {
        Opened byCurrent = open(stored, masterKey);
        if (byCurrent.handle() != null) {
            return new Loaded(byCurrent.handle(), info(byCurrent.handle(), stored.scope(), stored.purpose(),
                    stored.keysetId(), stored.version()));
        }
        if (previousMasterKey != null) {
            Opened byPrevious = open(stored, previousMasterKey);
            if (byPrevious.handle() != null) {
                return rewrapped(stored, byPrevious.handle());
            }
        }
        // Tink's message says nothing about the key; keep ours free of it too.
        throw new KeyException("could not unwrap the " + stored.purpose() + " keyset " + stored.keysetId() + " of "
                + stored.scope() + " with master key " + masterKey.id()
                + (previousMasterKey == null ? "" : " nor the previous one, " + previousMasterKey.id())
                + " (it was wrapped by " + stored.masterKeyId() + ")");
    }

    /**
     * A keyset the previous master key opened, stored again wrapped by the current one (same keys, next version). When
     * another server changed it meanwhile, the keys just opened are still good to use; the next load reads the
     * newer version.
     */
    private Loaded rewrapped(StoredKeyset stored, KeysetHandle handle) {
        StoredKeyset next = wrappedAnew(stored, handle);
        int version = repository.replace(next, stored.version()) ? next.version() : stored.version();
        return new Loaded(handle, info(handle, stored.scope(), stored.purpose(), stored.keysetId(), version));
    }

    /** The next version of a stored keyset: the same keys, wrapped by the current master key. */
    private StoredKeyset wrappedAnew(StoredKeyset stored, KeysetHandle handle) {
        return new StoredKeyset(stored.scope(), stored.purpose(), stored.keysetId(), stored.version() + 1,
                wrap(handle, stored.scope(), stored.purpose(), stored.keysetId()), masterKey.id(), stored.createdAt(),
                clock.instant());
    }

    private byte[] wrap(KeysetHandle handle, KeyScope scope, KeyPurpose purpose, String keysetId) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, masterKey.aead(),
                    associatedData(scope, purpose, keysetId));
        } catch (GeneralSecurityException e) {
            throw new KeyException("could not wrap the " + purpose + " keyset of " + scope + " with master key "
                    + masterKey.id());
        }
    }

    private static byte[] associatedData(KeyScope scope, KeyPurpose purpose, String keysetId) {
        return ("haven-keyset\u0000" + scope.tenantId() + "\u0000" + scope.scope() + "\u0000" + purpose + "\u0000"
                + keysetId).getBytes(StandardCharsets.UTF_8);
    }

    private static KeysetInfo info(KeysetHandle handle, KeyScope scope, KeyPurpose purpose, String keysetId,
            int version) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            ids.add(Integer.toUnsignedLong(handle.getAt(i).getId()));
        }
        return new KeysetInfo(scope, purpose, keysetId, version, Integer.toUnsignedLong(handle.getPrimary().getId()),
                ids);
    }

    private static Parameters parameters(KeyPurpose purpose) {
        return switch (purpose) {
            case TOKENISE -> PredefinedPrfParameters.HMAC_SHA256_PRF;
            case PSEUDONYMISE -> PredefinedDeterministicAeadParameters.AES256_SIV;
            case ENCRYPT -> PredefinedAeadParameters.AES256_GCM;
        };
    }

    @Override
    public String toString() {
        return "KeyRing[masterKey=" + masterKey.id() + ", cachedKeysets=" + cache.size() + "]";
    }
}
