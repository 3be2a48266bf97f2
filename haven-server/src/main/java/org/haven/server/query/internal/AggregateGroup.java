package org.haven.server.query.internal;

import java.util.List;

/**
 * One group of an aggregate as the query computed it, exact.
 *
 * @param key the group's values, one per group-by field in order (a value may be null)
 * @param count the group's records
 * @param measures one per measure of the query, in order: {@code Long} counts, {@code BigDecimal} sums, minima and
 *     maxima, {@code Double} means; null where the group has no value to compute one from
 */
record AggregateGroup(List<Object> key, long count, List<Object> measures) {
}
