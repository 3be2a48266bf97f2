package org.haven.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a k-anonymity search.
 *
 * @param levels the chosen generalisation level per quasi-identifier (0 = as is), in the order given
 * @param achieved whether some generalisation reaches the target within the suppression cap; when false,
 *     {@code levels} is the top of every hierarchy and the figures describe it
 * @param kReached the smallest class after generalisation and suppression
 * @param suppressed records removed because their class stayed below the target
 * @param before the risk of the data as given
 * @param after the risk of the released records (suppressed ones removed)
 * @param nodesEvaluated generalisations whose classes were counted; the rest of the lattice was settled by
 *     monotonicity
 */
public record KAnonymityReport(Map<String, Integer> levels, int targetK, double suppressionCap, boolean achieved,
        long kReached, long suppressed, RiskSummary before, RiskSummary after, int nodesEvaluated, long latticeSize) {

    public KAnonymityReport {
        levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }
}
