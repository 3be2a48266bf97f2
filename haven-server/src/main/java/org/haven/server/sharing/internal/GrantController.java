package org.haven.server.sharing.internal;

import java.util.List;
import java.util.UUID;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.sharing.DatasetGrant;
import org.haven.server.sharing.internal.GrantRules.GrantBody;
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
 * Grants of a dataset to projects, made, listed and revoked by whoever manages the dataset (its owner's
 * data_set_managers and organisation_admins). A revoked grant stops counting on the next request.
 */
@RestController
class GrantController {

    private final GrantService grants;
    private final GrantRules rules;

    GrantController(GrantService grants, GrantRules rules) {
        this.grants = grants;
        this.rules = rules;
    }

    /** Grants the dataset to a project, replacing the project's earlier grant of it if there is one. */
    @PostMapping("/api/v1/datasets/{datasetId}/grants")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "manage")
    DatasetGrant grant(@PathVariable UUID datasetId, @RequestBody GrantBody body) {
        NewGrant checked = rules.check(datasetId, body);
        return grants.grant(datasetId, checked, CurrentPrincipal.require().subject().toString());
    }

    @GetMapping("/api/v1/datasets/{datasetId}/grants")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "manage")
    List<DatasetGrant> list(@PathVariable UUID datasetId) {
        return grants.list(datasetId);
    }

    @DeleteMapping("/api/v1/datasets/{datasetId}/grants/{grantId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "manage")
    void revoke(@PathVariable UUID datasetId, @PathVariable UUID grantId) {
        grants.revoke(datasetId, grantId);
    }
}
