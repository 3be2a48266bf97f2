package org.haven.server.fhir.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeyScope;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A FHIR source's secrets (password, token, client secret) sealed with its tenant's encryption keyset, which the
 * master key wraps. The source's id is the associated data, so a sealed value copied onto another source does not
 * open. Nothing here logs or returns what it seals.
 */
@Component
public class SealedCredentials {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeyRing keys;

    SealedCredentials(KeyRing keys) {
        this.keys = keys;
    }

    /** Null when there is nothing secret to keep. */
    public byte[] seal(UUID tenantId, UUID sourceId, Map<String, String> secrets) {
        Map<String, String> present = new LinkedHashMap<>();
        secrets.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        if (present.isEmpty()) {
            return null;
        }
        try {
            return keys.forScope(KeyScope.tenant(tenantId.toString())).encrypter()
                    .encrypt(JSON.writeValueAsBytes(present), associatedData(sourceId));
        } catch (GeneralSecurityException e) {
            throw new HavenException(ErrorCode.UNAVAILABLE, "The source's credentials could not be sealed", e);
        }
    }

    public Map<String, String> open(UUID tenantId, UUID sourceId, byte[] sealed) {
        if (sealed == null) {
            return Map.of();
        }
        try {
            byte[] plain = keys.forScope(KeyScope.tenant(tenantId.toString())).encrypter()
                    .decrypt(sealed, associatedData(sourceId));
            return JSON.readValue(plain, new TypeReference<Map<String, String>>() { });
        } catch (GeneralSecurityException e) {
            throw new HavenException(ErrorCode.UNAVAILABLE, "The source's credentials could not be opened", e);
        }
    }

    private static byte[] associatedData(UUID sourceId) {
        return ("fhir_source:" + sourceId).getBytes(StandardCharsets.UTF_8);
    }
}
