package org.haven.fhir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outcome of flattening one resource: a record under the dataset's schema, or a rejection with its reason. */
public sealed interface Flattened {

    /**
     * A record of raw text values keyed by field name, in schema order; absent values are left out. It validates
     * under the schema it was made for.
     */
    record Accepted(Map<String, String> values) implements Flattened {
        public Accepted {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * A resource that cannot become a record. The reason names elements, never their values, so it can be logged
     * and shown to whoever fixes the source.
     *
     * @param resourceId the logical id, or null when the resource has none
     */
    record Rejected(String resourceId, String reason) implements Flattened {
    }
}
