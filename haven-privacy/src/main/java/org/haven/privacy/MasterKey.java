package org.haven.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import org.haven.privacy.internal.TinkRuntime;

/**
 * The key that wraps every stored keyset: an AEAD from a KMS in production, or a local Tink keyset (base64 of
 * Tink's binary keyset format) from an environment variable or a file. {@link #toString()} names where it came
 * from, never what it is.
 */
public final class MasterKey {

    static {
        TinkRuntime.ensureRegistered();
    }

    private final String id;
    private final Aead aead;
    private final boolean local;

    private MasterKey(String id, Aead aead, boolean local) {
        this.id = id;
        this.aead = aead;
        this.local = local;
    }

    /**
     * A key held by a KMS: only the KMS can unwrap. Any Tink {@link KmsClient} works (AWS, GCP, Vault
     * integrations); the library ships none, the server adds the one it is configured with.
     */
    public static MasterKey fromKms(KmsClient client, String keyUri) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(keyUri, "keyUri");
        if (!client.doesSupport(keyUri)) {
            throw new KeyException("the KMS client does not support key URI " + keyUri);
        }
        try {
            return new MasterKey("kms:" + keyUri, client.getAead(keyUri), false);
        } catch (GeneralSecurityException e) {
            throw new KeyException("could not get the master key " + keyUri + " from the KMS", e);
        }
    }

    /** A local keyset from the named environment variable (base64 Tink keyset). */
    public static MasterKey fromEnvironment(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new KeyException("environment variable " + variable + " holds no master key");
        }
        return fromBase64("env:" + variable, value);
    }

    /** A local keyset from a file holding a base64 Tink keyset. */
    public static MasterKey fromFile(Path file) {
        try {
            return fromBase64("file:" + file.toAbsolutePath(), Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new KeyException("could not read the master key file " + file.toAbsolutePath() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * The embedded default, for development only: reads the file, creating it (owner read/write only) with a new
     * AES-256-GCM keyset when it does not exist. A master key next to the data it protects protects little.
     */
    public static MasterKey fromFileOrGenerate(Path file) {
        if (Files.notExists(file)) {
            try {
                KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                String encoded = Base64.getEncoder().encodeToString(
                        TinkProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, encoded, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
                restrictToOwner(file);
            } catch (GeneralSecurityException | IOException e) {
                if (Files.notExists(file)) {
                    throw new KeyException("could not create the master key file " + file.toAbsolutePath() + ": "
                            + e.getClass().getSimpleName());
                }
                // another process created it first; read theirs
            }
        }
        return fromFile(file);
    }

    /** A new random local key, in memory only: tests. */
    public static MasterKey ephemeral() {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return new MasterKey("ephemeral:" + handle.getPrimary().getId(), TinkRuntime.primitive(handle, Aead.class),
                    true);
        } catch (GeneralSecurityException e) {
            throw new KeyException("could not generate a master key", e);
        }
    }

    private static MasterKey fromBase64(String source, String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new KeyException("the master key from " + source + " is not base64");
        }
        try {
            KeysetHandle handle = TinkProtoKeysetFormat.parseKeyset(bytes, InsecureSecretKeyAccess.get());
            return new MasterKey(source + "#" + Integer.toUnsignedString(handle.getPrimary().getId()),
                    TinkRuntime.primitive(handle, Aead.class), true);
        } catch (GeneralSecurityException | KeyException e) {
            throw new KeyException("the master key from " + source + " is not a Tink AEAD keyset");
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the directory's protection has to do
        }
    }

    /**
     * Wraps and unwraps a probe, so that a key which cannot work (a KMS out of reach, a key it does not know or will
     * not let this process use) stops a start instead of the first request that needs a keyset.
     */
    public void verify() {
        byte[] probe = "haven master key probe".getBytes(StandardCharsets.US_ASCII);
        byte[] associatedData = "haven-master-key-check".getBytes(StandardCharsets.US_ASCII);
        try {
            if (!Arrays.equals(aead.decrypt(aead.encrypt(probe, associatedData), associatedData), probe)) {
                throw new KeyException("the master key " + id + " did not give back what it wrapped");
            }
        } catch (GeneralSecurityException e) {
            throw new KeyException("the master key " + id + " does not work: " + e.getMessage(), e);
        }
    }

    /** Where the key lives and which key it is, for the keyset rows and for lineage; no secret. */
    public String id() {
        return id;
    }

    /** Whether the key is held in this process (file, environment, ephemeral) rather than by a KMS. */
    public boolean isLocal() {
        return local;
    }

    Aead aead() {
        return aead;
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
