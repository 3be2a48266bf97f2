/**
 * SpiceDB's schema language: the parser, the semantic checks and the immutable compiled model (definitions,
 * relations with their allowed subjects, permission expressions, CEL caveats) that the evaluator walks.
 */
package org.haven.authz.schema;
