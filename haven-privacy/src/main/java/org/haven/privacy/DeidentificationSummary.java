package org.haven.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a de-identification applied, for lineage: the policy hash, the keysets used (ids and versions, never keys),
 * and per field counts of nulls and suppressed values.
 *
 * @param unknownValues values under names the input schema does not have; dropped, never passed through
 * @param fields per input field, in schema order
 */
public record DeidentificationSummary(String policyHash, KeyScope scope, List<KeysetInfo> keysets, long records,
        long unknownValues, Map<String, FieldCounts> fields) {

    public DeidentificationSummary {
        keysets = List.copyOf(keysets);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
