package org.haven.server.tenancy.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haven.server.web.RequiresPermission;
import org.haven.server.identity.ApiTokens;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.identity.Principal;
import org.haven.server.tenancy.App;
import org.haven.server.tenancy.AppService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/apps")
class AppController {

    private final AppService apps;

    AppController(AppService apps) {
        this.apps = apps;
    }

    record CreateApp(@NotBlank @Size(max = 100) String name) {}

    record CreateKey(@NotBlank @Size(max = 100) String name, Instant expiresAt) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_apps")
    App create(@PathVariable UUID tenantId, @Valid @RequestBody CreateApp request) {
        Principal caller = CurrentPrincipal.require();
        return apps.create(tenantId, request.name(), caller instanceof Principal.User user ? user.id() : null);
    }

    @GetMapping
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_apps")
    List<App> list(@PathVariable UUID tenantId) {
        return apps.list(tenantId);
    }

    @PostMapping("/{appId}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_apps")
    ApiTokens.IssuedToken createKey(@PathVariable UUID tenantId, @PathVariable UUID appId, @Valid @RequestBody CreateKey request) {
        return apps.createKey(tenantId, appId, request.name(), request.expiresAt());
    }

    @GetMapping("/{appId}/keys")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_apps")
    List<ApiTokens.TokenInfo> keys(@PathVariable UUID tenantId, @PathVariable UUID appId) {
        return apps.keys(tenantId, appId);
    }

    @DeleteMapping("/{appId}/keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_apps")
    void revokeKey(@PathVariable UUID tenantId, @PathVariable UUID appId, @PathVariable String keyId) {
        apps.revokeKey(tenantId, appId, keyId);
    }
}
