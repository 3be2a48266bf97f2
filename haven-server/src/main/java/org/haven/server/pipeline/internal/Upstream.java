package org.haven.server.pipeline.internal;

import java.util.Map;
import java.util.UUID;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepFailure;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.Dataset;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;

/** What a step takes from the steps before it, and the checks that keep a run inside its own tenant. */
final class Upstream {

    private Upstream() {}

    /**
     * The output of an earlier step that carries {@code key}. When several do (a de-identified copy after the
     * validated one), the latest stage wins: the one marked {@code deidentified}.
     */
    static Map<String, Object> withKey(StepContext context, String key) {
        Map<String, Object> found = null;
        for (Map<String, Object> output : context.upstreamOutputs().values()) {
            if (output.containsKey(key) && (found == null || Boolean.TRUE.equals(output.get("deidentified")))) {
                found = output;
            }
        }
        if (found == null) {
            throw StepFailure.permanent("step '" + context.stepId() + "' needs an earlier step that produces '" + key
                    + "'; list it under needs");
        }
        return found;
    }

    /** The dataset, provided it belongs to the run's tenant: a pipeline never writes into another tenant's data. */
    static Dataset datasetOfTenant(CatalogService catalog, StepContext context, UUID datasetId) {
        try {
            Dataset dataset = catalog.dataset(datasetId);
            if (dataset.tenantId().equals(StepParams.tenant(context))) {
                return dataset;
            }
        } catch (HavenException e) {
            if (e.errorCode() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
        throw StepFailure.permanent("the tenant has no dataset " + datasetId);
    }
}
