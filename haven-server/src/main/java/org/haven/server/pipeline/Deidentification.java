package org.haven.server.pipeline;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.schema.Schema;

/**
 * The {@code deidentify} step's engine: turns validated records of a dataset's schema into de-identified records
 * according to a policy given as the step's params (which fields are kept, dropped, tokenised, pseudonymised,
 * encrypted, generalised or masked). The privacy module provides it; until one is installed, a pipeline with a
 * {@code deidentify} step is refused when it is applied, with a message saying so.
 */
public interface Deidentification {

    /** Problems with a step's policy params, each a sentence naming the param or field; empty when acceptable. */
    List<String> validate(Map<String, Object> params);

    /**
     * Prepares the transform for one run: keys are resolved for the tenant and the policy's scope here, once.
     *
     * @throws IllegalArgumentException when the policy does not fit the schema (a field it names is missing)
     */
    Transform open(UUID tenantId, Schema input, Map<String, Object> params);

    /** One run's transform; thread-safe. */
    interface Transform {

        /** The schema of the records {@link #apply} returns. */
        Schema outputSchema();

        /** One record's typed values (keys are field names) to the de-identified record's. */
        Map<String, Object> apply(Map<String, Object> values);

        /** What lineage records about the transform: the policy's hash and the ids of the keys used, never keys. */
        Map<String, String> lineage();
    }
}
