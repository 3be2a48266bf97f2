package org.haven.server.tenancy.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.haven.server.web.AuthorizesOnData;
import org.haven.server.web.RequiresPermission;
import org.haven.server.authz.Authorizer;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.tenancy.Cursors;
import org.haven.server.tenancy.Member;
import org.haven.server.tenancy.Page;
import org.haven.server.tenancy.Tenant;
import org.haven.server.tenancy.TenantRole;
import org.haven.server.tenancy.TenantService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

    private final TenantService tenants;
    private final Authorizer authorizer;

    TenantController(TenantService tenants, Authorizer authorizer) {
        this.tenants = tenants;
        this.authorizer = authorizer;
    }

    record CreateTenant(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "2 to 63 lowercase letters, digits and dashes") String slug,
            @NotBlank @Size(max = 200) String name) {}

    record RenameTenant(@NotBlank @Size(max = 200) String name) {}

    record Roles(@NotNull @Size(max = 4) Set<@NotBlank String> roles) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "platform", id = "haven", permission = "administer", visibleWith = "")
    Tenant create(@Valid @RequestBody CreateTenant request) {
        return tenants.create(request.slug(), request.name(), null);
    }

    @PostMapping("/{tenantId}/children")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "administer")
    Tenant createChild(@PathVariable UUID tenantId, @Valid @RequestBody CreateTenant request) {
        return tenants.create(request.slug(), request.name(), tenantId);
    }

    @GetMapping
    @AuthorizesOnData("lists only the tenants the caller may view")
    Page<Tenant> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        List<String> visible = authorizer.lookupResources(CurrentPrincipal.require().subject(), "tenant", "view");
        return tenants.list(visible, Cursors.decode(cursor), Cursors.limit(limit));
    }

    @GetMapping("/{tenantId}")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    Tenant get(@PathVariable UUID tenantId) {
        return tenants.get(tenantId);
    }

    @PatchMapping("/{tenantId}")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "administer")
    Tenant rename(@PathVariable UUID tenantId, @Valid @RequestBody RenameTenant request) {
        return tenants.rename(tenantId, request.name());
    }

    @PutMapping("/{tenantId}/parent/{parentId}")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "administer")
    Tenant setParent(@PathVariable UUID tenantId, @PathVariable UUID parentId) {
        return tenants.setParent(tenantId, parentId, CurrentPrincipal.require().subject());
    }

    @DeleteMapping("/{tenantId}/parent")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "administer")
    Tenant detach(@PathVariable UUID tenantId) {
        return tenants.setParent(tenantId, null, CurrentPrincipal.require().subject());
    }

    @GetMapping("/{tenantId}/members")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    List<Member> members(@PathVariable UUID tenantId) {
        return tenants.members(tenantId);
    }

    @PutMapping("/{tenantId}/members/{subjectType}/{subjectId}")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_members")
    Member setRoles(@PathVariable UUID tenantId, @PathVariable String subjectType, @PathVariable String subjectId,
            @Valid @RequestBody Roles request) {
        Set<TenantRole> roles = request.roles().stream().map(TenantRole::parse).collect(Collectors.toSet());
        return new Member(subjectType + ":" + subjectId, tenants.setRoles(tenantId, subjectType, subjectId, roles));
    }

    @DeleteMapping("/{tenantId}/members/{subjectType}/{subjectId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_members")
    void remove(@PathVariable UUID tenantId, @PathVariable String subjectType, @PathVariable String subjectId) {
        tenants.setRoles(tenantId, subjectType, subjectId, Set.of());
    }
}
