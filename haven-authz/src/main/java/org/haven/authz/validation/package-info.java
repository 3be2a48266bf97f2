/**
 * SpiceDB validation files (schema, relationships, assertions, expected relations) read with their line numbers
 * and run against a fresh in-memory engine; what {@code haven authz validate} runs.
 */
package org.haven.authz.validation;
