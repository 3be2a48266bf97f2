package org.haven.privacy.internal;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.prf.PrfConfig;

import org.haven.privacy.KeyException;

/** Registers the Tink key types the library uses, once per JVM, and builds primitives from handles. */
public final class TinkRuntime {

    private static final Configuration CONFIGURATION;

    static {
        try {
            AeadConfig.register();
            DeterministicAeadConfig.register();
            PrfConfig.register();
            CONFIGURATION = RegistryConfiguration.get();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TinkRuntime() {
    }

    public static <P> P primitive(KeysetHandle handle, Class<P> type) {
        try {
            return handle.getPrimitive(CONFIGURATION, type);
        } catch (GeneralSecurityException e) {
            throw new KeyException("keyset does not provide " + type.getSimpleName(), e);
        }
    }

    /** Forces the registration; cheap after the first call. */
    public static void ensureRegistered() {
        // the static initialiser did the work
    }
}
