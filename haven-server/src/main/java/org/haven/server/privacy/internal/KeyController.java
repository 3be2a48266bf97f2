package org.haven.server.privacy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.haven.privacy.KeyPurpose;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeyScope;
import org.haven.privacy.KeysetInfo;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.tenancy.TenantService;
import org.haven.server.web.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's keysets, for its organisation admins: which exist (ids, versions, Tink key ids; never key material) and
 * rotation of the encryption keyset, after which new ciphertexts use the new key and old ones still decrypt because
 * each names its key. Tokenisation and pseudonymisation keysets refuse to rotate: equal values must keep equal
 * outputs, or every person would split in two.
 */
@RestController
class KeyController {

    private final KeyRing keys;
    private final TenantService tenants;
    private final AuditTrail audit;

    KeyController(KeyRing keys, TenantService tenants, AuditTrail audit) {
        this.keys = keys;
        this.tenants = tenants;
        this.audit = audit;
    }

    /** A keyset as the API shows it: its purpose in lower case, and whether it can rotate. */
    record Keyset(String purpose, boolean rotatable, String keysetId, int version, long primaryKeyId, List<Long> keyIds) {

        static Keyset of(KeysetInfo info) {
            return new Keyset(info.purpose().name().toLowerCase(Locale.ROOT), info.purpose().isRotatable(),
                    info.keysetId(), info.version(), info.primaryKeyId(), info.keyIds());
        }
    }

    /** The keysets of the tenant's own scope that have been created (each is created on first use). */
    @GetMapping("/api/v1/tenants/{tenantId}/keys")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "administer")
    List<Keyset> list(@PathVariable UUID tenantId) {
        tenants.get(tenantId);
        List<Keyset> listed = new ArrayList<>();
        for (KeyPurpose purpose : KeyPurpose.values()) {
            keys.describe(KeyScope.tenant(tenantId.toString()), purpose).map(Keyset::of).ifPresent(listed::add);
        }
        return listed;
    }

    @PostMapping("/api/v1/tenants/{tenantId}/keys/{purpose}/rotate")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "administer")
    Keyset rotate(@PathVariable UUID tenantId, @PathVariable String purpose) {
        tenants.get(tenantId);
        KeyPurpose parsed = parse(purpose);
        if (!parsed.isRotatable()) {
            throw new HavenException(ErrorCode.CONFLICT, "The " + purpose + " keyset does not rotate: equal values must"
                    + " keep equal outputs within a scope; de-identify into a new dataset instead");
        }
        KeysetInfo rotated = keys.rotate(KeyScope.tenant(tenantId.toString()), parsed);
        audit.record(Actors.current(), "tenant.keys.rotate", new AuditResource("tenant", tenantId.toString()),
                Decision.SUCCEEDED, null, Map.of("purpose", purpose, "keyset_id", rotated.keysetId(),
                        "version", Integer.toString(rotated.version()), "primary_key_id", Long.toString(rotated.primaryKeyId())));
        return Keyset.of(rotated);
    }

    private static KeyPurpose parse(String purpose) {
        for (KeyPurpose candidate : KeyPurpose.values()) {
            if (candidate.name().equalsIgnoreCase(purpose)) {
                return candidate;
            }
        }
        throw new HavenException(ErrorCode.NOT_FOUND, "No keyset purpose '" + purpose + "': tokenise, pseudonymise or encrypt");
    }
}
