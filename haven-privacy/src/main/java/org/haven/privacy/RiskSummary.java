package org.haven.privacy;

/**
 * Re-identification risk of a set of records under the prosecutor model (the attacker knows their target is in the
 * data): a record's risk is one over the size of its equivalence class.
 *
 * @param records the records counted (after suppression, when this describes a result)
 * @param classes equivalence classes: distinct combinations of quasi-identifier values
 * @param k the smallest class size; 0 when there are no records
 * @param highestRisk 1/k: the risk of the most exposed record
 * @param averageRisk the mean risk over records, which is classes/records
 */
public record RiskSummary(long records, long classes, long k, double highestRisk, double averageRisk) {

    static RiskSummary of(long records, long classes, long k) {
        if (records == 0) {
            return new RiskSummary(0, 0, 0, 0, 0);
        }
        return new RiskSummary(records, classes, k, 1.0 / k, (double) classes / records);
    }
}
