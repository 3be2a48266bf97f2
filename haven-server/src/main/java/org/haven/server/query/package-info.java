/**
 * Reading a dataset version's records, shaped by the caller's result type. The same stored version yields each
 * view: IDENTIFIABLE callers (the owner's managers, projects granted identifiable data) get the stored values;
 * PSEUDONYMISED callers get the version de-identified at read time by their grant's policy, with tokens scoped to
 * their project so that two projects cannot link their extracts; AGGREGATE callers get no records at all. Aggregates
 * of a version (counts, sums, means, ... by up to three fields) are exact for IDENTIFIABLE callers and pass
 * statistical disclosure control for everyone else. Every read is audited with the result type and the grant it was
 * made under, every aggregate with its shape, never a value.
 */
package org.haven.server.query;
