/**
 * The engine's implementation: the indexed in-memory view of relationships that follows the store's change log,
 * the check evaluator (three-valued for caveats, memoised, cycle-safe, depth-limited), the walks behind lookup
 * resources, lookup subjects and expand, and the checks that keep relationships within the schema.
 */
package org.haven.authz.internal;
