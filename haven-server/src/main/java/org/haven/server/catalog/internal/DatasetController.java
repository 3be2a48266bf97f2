package org.haven.server.catalog.internal;

import java.util.List;
import java.util.UUID;
import org.haven.schema.Schema;
import org.haven.server.authz.Authorizer;
import org.haven.server.catalog.Dataset;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.tenancy.Cursors;
import org.haven.server.tenancy.Page;
import org.haven.server.web.AuthorizesOnData;
import org.haven.server.web.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class DatasetController {

    private final DatasetService datasets;
    private final Authorizer authorizer;

    DatasetController(DatasetService datasets, Authorizer authorizer) {
        this.datasets = datasets;
        this.authorizer = authorizer;
    }

    record CreateDataset(String name, String description, List<String> tags, JsonNode schema) {}

    /** Null members are left as they are. */
    record UpdateDataset(String description, List<String> tags) {}

    @PostMapping("/api/v1/tenants/{tenantId}/datasets")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_datasets")
    Dataset create(@PathVariable UUID tenantId, @RequestBody CreateDataset request) {
        new CatalogRules().name(request.name()).description(request.description()).tags(request.tags()).check();
        Schema schema = SchemaDocuments.parse(request.schema());
        return datasets.create(tenantId, request.name(), request.description(), request.tags(), schema);
    }

    /**
     * Not {@code tenant#view}: a dataset can be visible to people outside its tenant (shared with their tenant, or
     * available to their project), and they list it here too. Anyone else gets an empty list, the same answer as
     * for a tenant that does not exist, so tenant ids cannot be probed.
     */
    @GetMapping("/api/v1/tenants/{tenantId}/datasets")
    @AuthorizesOnData("lists only the tenant's datasets the caller may view (lookup of dataset#view)")
    Page<Dataset> list(@PathVariable UUID tenantId, @RequestParam(required = false) List<String> tag,
            @RequestParam(name = "name_prefix", required = false) String namePrefix,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        new CatalogRules().tags(tag).namePrefix(namePrefix).check();
        List<String> visible = authorizer.lookupResources(CurrentPrincipal.require().subject(), "dataset", "view");
        return datasets.list(tenantId, visible, tag, namePrefix, Cursors.decode(cursor), Cursors.limit(limit));
    }

    @GetMapping("/api/v1/datasets/{datasetId}")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "view")
    Dataset get(@PathVariable UUID datasetId) {
        return datasets.get(datasetId);
    }

    @PatchMapping("/api/v1/datasets/{datasetId}")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "manage")
    Dataset update(@PathVariable UUID datasetId, @RequestBody UpdateDataset request) {
        new CatalogRules().description(request.description()).tags(request.tags()).check();
        return datasets.update(datasetId, request.description(), request.tags());
    }
}
