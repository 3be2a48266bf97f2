package org.haven.bench.http.bare;

import java.util.UUID;
import org.haven.server.tenancy.Tenant;
import org.haven.server.tenancy.TenantService;
import org.haven.server.web.PublicEndpoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/tenants/{id}} without the stack: the same service call and the same JSON, outside {@code /api/v1}
 * so the rate limiter does not apply, and declared public so no permission is checked or audited.
 */
@RestController
@RequestMapping(BareTenantController.PATH)
class BareTenantController {

    static final String PATH = BareEndpointConfiguration.PATH + "/tenants";

    private final TenantService tenants;

    BareTenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @GetMapping("/{tenantId}")
    @PublicEndpoint("the API overhead benchmark's baseline; exists only in the benchmark's server extension")
    Tenant get(@PathVariable UUID tenantId) {
        return tenants.get(tenantId);
    }
}
