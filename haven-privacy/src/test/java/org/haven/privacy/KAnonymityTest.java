package org.haven.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Eight people, quasi-identifiers age and postcode.
 *
 * <pre>
 *   #  age  postcode     age hierarchy: 0 value, 1 [10-year band), 2 [20-year band), 3 *
 *   1  23   SW1A 1AA     postcode:      0 value, 1 district, 2 area, 3 *
 *   2  27   SW1A 2BB
 *   3  25   SW1B 3CC
 *   4  34   SW1B 4DD
 *   5  38   N1 5EE
 *   6  36   N1 6FF
 *   7  31   N2 7GG
 *   8  52   N2 8HH
 * </pre>
 */
class KAnonymityTest {

    private static final List<String[]> ROWS = List.of(
            new String[] {"23", "SW1A 1AA"}, new String[] {"27", "SW1A 2BB"}, new String[] {"25", "SW1B 3CC"},
            new String[] {"34", "SW1B 4DD"}, new String[] {"38", "N1 5EE"}, new String[] {"36", "N1 6FF"},
            new String[] {"31", "N2 7GG"}, new String[] {"52", "N2 8HH"});
    private static final List<QuasiIdentifier> QIS = List.of(
            new QuasiIdentifier("age", Hierarchies.bands(10, 20)),
            new QuasiIdentifier("postcode", Hierarchies.postcodes()));

    /** Every row differs: 8 classes of one, k = 1, highest risk 1, average 8/8 = 1. */
    @Test
    void riskAsGiven() {
        RiskSummary risk = KAnonymity.assess(ROWS);
        assertThat(risk).isEqualTo(new RiskSummary(8, 8, 1, 1.0, 1.0));
    }

    /**
     * Target k = 2, at most 1 record (12.5 %) suppressed.
     *
     * <pre>
     * height 0..3: every node fails. Any node keeping the exact age or the full postcode has 8 singletons;
     *   (1,1) decade+district: {1,2} {3} {4} {5,6} {7} {8} -> 4 suppressed;
     *   (2,1) 20-band+district: {1,2} {3,4} {5,6} {7} {8} -> 2 suppressed;
     *   (1,2) decade+area: {1,2,3} {4} {5,6,7} {8} -> 2 suppressed.
     * height 4: (3,1) *+district: {1,2} {3,4} {5,6} {7,8} -> 0 suppressed, k = 2;
     *   (2,2) 20-band+area: {1,2,3,4} {5,6,7} {8} -> 1 suppressed; (1,3) decade+*: {1,2,3} {4,5,6,7} {8} -> 1.
     * Least height is 4; fewest suppressed there is (3,1). After: 8 records, 4 classes, k 2, highest risk 1/2,
     * average 4/8.
     * </pre>
     */
    @Test
    void leastGeneralisationForKTwo() {
        KAnonymityReport report = KAnonymity.search(QIS, ROWS, 2, 0.125);

        assertThat(report.achieved()).isTrue();
        assertThat(report.levels()).containsExactly(java.util.Map.entry("age", 3), java.util.Map.entry("postcode", 1));
        assertThat(report.kReached()).isEqualTo(2);
        assertThat(report.suppressed()).isZero();
        assertThat(report.before()).isEqualTo(new RiskSummary(8, 8, 1, 1.0, 1.0));
        assertThat(report.after()).isEqualTo(new RiskSummary(8, 4, 2, 0.5, 0.5));
        assertThat(report.latticeSize()).isEqualTo(16);
        assertThat(report.nodesEvaluated()).isLessThan(16);
    }

    /**
     * Target k = 3, no suppression. Height 4 fails: (3,1) has classes of 2; (2,2) and (1,3) leave person 8 alone.
     * Height 5: (3,2) *+area: {1,2,3,4} {5,6,7,8} -> k = 4; (2,3) 20-band+*: {1..7} {8} -> fails. So (3,2).
     */
    @Test
    void leastGeneralisationForKThreeWithoutSuppression() {
        KAnonymityReport report = KAnonymity.search(QIS, ROWS, 3, 0.0);

        assertThat(report.levels()).containsExactly(java.util.Map.entry("age", 3), java.util.Map.entry("postcode", 2));
        assertThat(report.kReached()).isEqualTo(4);
        assertThat(report.after().averageRisk()).isCloseTo(2.0 / 8, within(1e-9));
    }

    /**
     * With one record allowed out, k = 3 is reached at height 4 by (2,2) 20-band+area: {1,2,3,4} {5,6,7}, and by
     * (1,3) decade+*: {1,2,3} {4,5,6,7}; each removes person 8. Both generalise 4/3 of a hierarchy in total, so the
     * first in lattice order, (1,3), is chosen. After: 7 records, 2 classes, k 3, average risk 2/7.
     */
    @Test
    void suppressionBuysALowerGeneralisation() {
        KAnonymityReport report = KAnonymity.search(QIS, ROWS, 3, 0.125);

        assertThat(report.levels()).containsExactly(java.util.Map.entry("age", 1), java.util.Map.entry("postcode", 3));
        assertThat(report.suppressed()).isEqualTo(1);
        assertThat(report.kReached()).isEqualTo(3);
        assertThat(report.after()).isEqualTo(new RiskSummary(7, 2, 3, 1.0 / 3, 2.0 / 7));
    }

    @Test
    void aTargetLargerThanTheDataCannotBeReached() {
        KAnonymityReport report = KAnonymity.search(QIS, ROWS, 9, 0.0);
        assertThat(report.achieved()).isFalse();
        assertThat(report.levels()).containsExactly(java.util.Map.entry("age", 3), java.util.Map.entry("postcode", 3));
    }
}
