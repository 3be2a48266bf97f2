package org.haven.server.privacy.internal;

import java.util.Map;
import java.util.UUID;
import org.haven.privacy.SdcSettings;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.errors.FieldErrors;
import org.haven.server.identity.Actors;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.privacy.DisclosureSettings;
import org.haven.server.tenancy.TenantService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Disclosure control per tenant, stored in {@code tenant_disclosure_control}. A tenant may only tighten the server's
 * rule (a higher threshold, a coarser rounding base): the server's settings are the platform's floor.
 */
@Service
class TenantDisclosureSettings implements DisclosureSettings {

    private final JdbcClient jdbc;
    private final SdcSettings server;
    private final TenantService tenants;
    private final AuditTrail audit;

    TenantDisclosureSettings(JdbcClient jdbc, SdcSettings server, TenantService tenants, AuditTrail audit) {
        this.jdbc = jdbc;
        this.server = server;
        this.tenants = tenants;
        this.audit = audit;
    }

    @Override
    public SdcSettings forTenant(UUID tenantId) {
        return jdbc.sql("SELECT sdc_threshold, sdc_rounding_base FROM tenant_disclosure_control WHERE tenant_id = :tenant")
                .param("tenant", tenantId)
                .query((rs, row) -> new SdcSettings(rs.getInt("sdc_threshold"), rs.getInt("sdc_rounding_base")))
                .optional().orElse(server);
    }

    SdcSettings server() {
        return server;
    }

    /** Sets the tenant's rule; every problem with it is reported at once and nothing is changed. */
    @Transactional
    SdcSettings set(UUID tenantId, Integer threshold, Integer roundingBase) {
        tenants.get(tenantId);
        FieldErrors errors = new FieldErrors();
        if (threshold == null || threshold < server.threshold() || threshold > 1000) {
            errors.add("sdc_threshold", "must be from the server's " + server.threshold() + " to 1000");
        }
        if (roundingBase == null || roundingBase < server.roundingBase() || roundingBase > 1000) {
            errors.add("sdc_rounding_base", "must be from the server's " + server.roundingBase() + " to 1000");
        }
        errors.check("setting");
        jdbc.sql("""
                        INSERT INTO tenant_disclosure_control (tenant_id, sdc_threshold, sdc_rounding_base, updated_by)
                        VALUES (:tenant, :threshold, :base, :by)
                        ON CONFLICT (tenant_id) DO UPDATE SET sdc_threshold = excluded.sdc_threshold,
                            sdc_rounding_base = excluded.sdc_rounding_base, updated_by = excluded.updated_by,
                            updated_at = now()""")
                .param("tenant", tenantId).param("threshold", threshold).param("base", roundingBase)
                .param("by", CurrentPrincipal.require().subject().toString())
                .update();
        audit.record(Actors.current(), "tenant.disclosure_control.set", new AuditResource("tenant", tenantId.toString()),
                Decision.SUCCEEDED, null, Map.of("sdc_threshold", threshold.toString(),
                        "sdc_rounding_base", roundingBase.toString()));
        return new SdcSettings(threshold, roundingBase);
    }
}
