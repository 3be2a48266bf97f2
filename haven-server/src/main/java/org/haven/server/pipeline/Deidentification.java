package org.haven.server.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.haven.schema.Schema;

/**
 * The {@code deidentify} step's engine: turns validated records of a dataset's schema into de-identified records
 * according to a privacy policy (which fields are kept, dropped, tokenised, pseudonymised, encrypted, generalised or
 * masked), given as the step's {@code policy} param: a policy document as a map, or null for the standard policy.
 * The privacy module provides it; without one, a pipeline with a {@code deidentify} step is refused when it is
 * applied, with a message saying so.
 */
public interface Deidentification {

    /** Problems with a policy document, each a sentence naming the field or setting; empty when acceptable. */
    List<String> validate(Object policy);

    /**
     * Prepares the transform for one run: keys are resolved for the tenant and key scope here, once.
     *
     * @param keyScope the name of the tenant's keys to use: {@code tenant} for the tenant's own, or another name for
     *     keys of their own (a new scope is how tokens are made anew when a tokenisation key must change)
     * @throws IllegalArgumentException when the policy does not fit the schema (a field it names is missing, a
     *     treatment does not apply to a field's type), with every problem in the message
     */
    Transform open(UUID tenantId, String keyScope, Schema input, Object policy);

    /** One run's transform; thread-safe. */
    interface Transform {

        /** The schema of the records {@link #apply} returns. */
        Schema outputSchema();

        /**
         * One record's typed values (keys are field names) to the de-identified record's. Given only some fields, it
         * returns their outputs (and nulls for the rest).
         */
        Map<String, Object> apply(Map<String, Object> values);

        /**
         * The output fields that hold their input values unchanged (same name and data type), which a caller may copy
         * without passing them through {@link #apply}.
         */
        Set<String> unchangedFields();

        /** What lineage records about the transform: the policy's hash and the ids of the keys used, never keys. */
        Map<String, String> lineage();
    }
}
