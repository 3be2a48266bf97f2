package org.haven.server.privacy.internal;

import java.util.UUID;
import org.haven.privacy.SdcSettings;
import org.haven.server.tenancy.TenantService;
import org.haven.server.web.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's disclosure control for aggregates of its datasets: seen by its people, set by its admins. */
@RestController
class DisclosureControlController {

    private final TenantDisclosureSettings settings;
    private final TenantService tenants;

    DisclosureControlController(TenantDisclosureSettings settings, TenantService tenants) {
        this.settings = settings;
        this.tenants = tenants;
    }

    record DisclosureControl(int sdcThreshold, int sdcRoundingBase, int serverThreshold, int serverRoundingBase) {

        static DisclosureControl of(SdcSettings tenant, SdcSettings server) {
            return new DisclosureControl(tenant.threshold(), tenant.roundingBase(), server.threshold(), server.roundingBase());
        }
    }

    record SetDisclosureControl(Integer sdcThreshold, Integer sdcRoundingBase) {}

    @GetMapping("/api/v1/tenants/{tenantId}/disclosure-control")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    DisclosureControl get(@PathVariable UUID tenantId) {
        tenants.get(tenantId);
        return DisclosureControl.of(settings.forTenant(tenantId), settings.server());
    }

    @PutMapping("/api/v1/tenants/{tenantId}/disclosure-control")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "administer")
    DisclosureControl set(@PathVariable UUID tenantId, @RequestBody SetDisclosureControl body) {
        return DisclosureControl.of(settings.set(tenantId, body.sdcThreshold(), body.sdcRoundingBase()), settings.server());
    }
}
