package org.haven.server.tenancy.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.haven.server.web.AuthorizesOnData;
import org.haven.server.web.RequiresPermission;
import org.haven.server.authz.Authorizer;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.identity.Principal;
import org.haven.server.tenancy.Cursors;
import org.haven.server.tenancy.Member;
import org.haven.server.tenancy.Page;
import org.haven.server.tenancy.Project;
import org.haven.server.tenancy.ProjectRole;
import org.haven.server.tenancy.ProjectService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProjectController {

    private final ProjectService projects;
    private final Authorizer authorizer;

    ProjectController(ProjectService projects, Authorizer authorizer) {
        this.projects = projects;
        this.authorizer = authorizer;
    }

    record CreateProject(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description) {}

    record Roles(@NotNull @Size(max = 2) Set<@NotBlank String> roles) {}

    @PostMapping("/api/v1/tenants/{tenantId}/projects")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "create_project")
    Project create(@PathVariable UUID tenantId, @Valid @RequestBody CreateProject request) {
        Principal caller = CurrentPrincipal.require();
        return projects.create(tenantId, request.name(), request.description(), caller instanceof Principal.User user ? user.id() : null);
    }

    @GetMapping("/api/v1/projects")
    @AuthorizesOnData("lists only the projects the caller may view")
    Page<Project> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        List<String> visible = authorizer.lookupResources(CurrentPrincipal.require().subject(), "project", "view");
        return projects.list(visible, Cursors.decode(cursor), Cursors.limit(limit));
    }

    @GetMapping("/api/v1/projects/{projectId}")
    @RequiresPermission(resourceType = "project", idFrom = "projectId", permission = "view")
    Project get(@PathVariable UUID projectId) {
        return projects.get(projectId);
    }

    @GetMapping("/api/v1/projects/{projectId}/partners")
    @RequiresPermission(resourceType = "project", idFrom = "projectId", permission = "view")
    List<String> partners(@PathVariable UUID projectId) {
        return projects.partners(projectId);
    }

    @PutMapping("/api/v1/projects/{projectId}/partners/{partnerTenantId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(resourceType = "project", idFrom = "projectId", permission = "administer")
    void addPartner(@PathVariable UUID projectId, @PathVariable UUID partnerTenantId) {
        projects.addPartner(projectId, partnerTenantId);
    }

    @DeleteMapping("/api/v1/projects/{projectId}/partners/{partnerTenantId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(resourceType = "project", idFrom = "projectId", permission = "administer")
    void removePartner(@PathVariable UUID projectId, @PathVariable UUID partnerTenantId) {
        projects.removePartner(projectId, partnerTenantId);
    }

    @GetMapping("/api/v1/projects/{projectId}/members")
    @RequiresPermission(resourceType = "project", idFrom = "projectId", permission = "view")
    List<Member> members(@PathVariable UUID projectId) {
        return projects.members(projectId);
    }

    @PutMapping("/api/v1/projects/{projectId}/members/{subjectType}/{subjectId}")
    @RequiresPermission(resourceType = "project", idFrom = "projectId", permission = "manage_members")
    Member setRoles(@PathVariable UUID projectId, @PathVariable String subjectType, @PathVariable String subjectId,
            @Valid @RequestBody Roles request) {
        Set<ProjectRole> roles = request.roles().stream().map(ProjectRole::parse).collect(Collectors.toSet());
        return new Member(subjectType + ":" + subjectId, projects.setRoles(projectId, subjectType, subjectId, roles));
    }

    @DeleteMapping("/api/v1/projects/{projectId}/members/{subjectType}/{subjectId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(resourceType = "project", idFrom = "projectId", permission = "manage_members")
    void remove(@PathVariable UUID projectId, @PathVariable String subjectType, @PathVariable String subjectId) {
        projects.setRoles(projectId, subjectType, subjectId, Set.of());
    }
}
