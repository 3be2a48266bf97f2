/**
 * Reading a dataset version's records, shaped by the caller's result type. The same stored version yields each
 * view: IDENTIFIABLE callers (the owner's managers, projects granted identifiable data) get the stored values;
 * PSEUDONYMISED callers get the version de-identified at read time by their grant's policy, with tokens scoped to
 * their project so that two projects cannot link their extracts; AGGREGATE callers get no records at all. Every read
 * is audited with the result type and the grant it was made under.
 */
package org.haven.server.query;
