package org.haven.server.fhir.internal;

import java.util.List;
import java.util.UUID;
import org.haven.server.authz.Authorizer;
import org.haven.server.fhir.FhirSource;
import org.haven.server.fhir.FhirSourceService;
import org.haven.server.fhir.NewFhirSource;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.web.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR sources of a tenant. A FHIR source is a {@code data_source} in the authorization model rather than a
 * definition of its own: the schema already describes a data source as "an upload area, a FHIR server, a
 * database", and reusing it means the tenant's source managers and the source's admins, writers and readers
 * (granted through the existing permissions endpoints) apply without a second set of rules to keep in step.
 */
@RestController
class FhirSourceController {

    private final FhirSourceService sources;
    private final Authorizer authorizer;

    FhirSourceController(FhirSourceService sources, Authorizer authorizer) {
        this.sources = sources;
        this.authorizer = authorizer;
    }

    @PostMapping("/api/v1/tenants/{tenantId}/fhir-sources")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_data_sources")
    FhirSource create(@PathVariable UUID tenantId, @RequestBody NewFhirSource request) {
        return sources.create(tenantId, request);
    }

    /** Only the FHIR sources the caller may view. */
    @GetMapping("/api/v1/tenants/{tenantId}/fhir-sources")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    List<FhirSource> list(@PathVariable UUID tenantId) {
        List<String> visible = authorizer.lookupResources(CurrentPrincipal.require().subject(), "data_source", "view");
        return sources.list(tenantId, visible);
    }

    @GetMapping("/api/v1/fhir-sources/{sourceId}")
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "view")
    FhirSource get(@PathVariable UUID sourceId) {
        return sources.get(sourceId);
    }

    @DeleteMapping("/api/v1/fhir-sources/{sourceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "administer")
    void delete(@PathVariable UUID sourceId) {
        sources.delete(sourceId);
    }
}
