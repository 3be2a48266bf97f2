package org.haven.server.ingest.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.haven.server.authz.Authorizer;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.ingest.DataSource;
import org.haven.server.ingest.DataSourceService;
import org.haven.server.ingest.SourceLevel;
import org.haven.server.ingest.SourcePermission;
import org.haven.server.tenancy.Cursors;
import org.haven.server.tenancy.Page;
import org.haven.server.web.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DataSourceController {

    private final DataSourceService sources;
    private final Authorizer authorizer;

    DataSourceController(DataSourceService sources, Authorizer authorizer) {
        this.sources = sources;
        this.authorizer = authorizer;
    }

    record CreateSource(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description) {}

    record Grant(@NotBlank @Size(max = 100) String subject, @NotBlank String level) {}

    @PostMapping("/api/v1/tenants/{tenantId}/sources")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_data_sources")
    DataSource create(@PathVariable UUID tenantId, @Valid @RequestBody CreateSource request) {
        return sources.create(tenantId, request.name(), request.description());
    }

    /** Only the tenant's sources the caller may view, found through the engine's lookup. */
    @GetMapping("/api/v1/tenants/{tenantId}/sources")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    Page<DataSource> list(@PathVariable UUID tenantId, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        List<String> visible = authorizer.lookupResources(CurrentPrincipal.require().subject(), "data_source", "view");
        return sources.list(tenantId, visible, Cursors.decode(cursor), Cursors.limit(limit));
    }

    @GetMapping("/api/v1/sources/{sourceId}")
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "view")
    DataSource get(@PathVariable UUID sourceId) {
        return sources.get(sourceId);
    }

    @GetMapping("/api/v1/sources/{sourceId}/permissions")
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "administer")
    List<SourcePermission> permissions(@PathVariable UUID sourceId) {
        return sources.permissions(sourceId);
    }

    @PostMapping("/api/v1/sources/{sourceId}/permissions")
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "administer")
    SourcePermission permit(@PathVariable UUID sourceId, @Valid @RequestBody Grant request) {
        return sources.permit(sourceId, request.subject(), SourceLevel.parse(request.level()));
    }

    @DeleteMapping("/api/v1/sources/{sourceId}/permissions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "administer")
    void revoke(@PathVariable UUID sourceId, @RequestParam String subject) {
        sources.revoke(sourceId, subject);
    }
}
