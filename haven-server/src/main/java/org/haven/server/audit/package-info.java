/**
 * The audit log: an append-only, tamper-evident record of every authorization decision, read, export, query and
 * administrative change. Each {@link org.haven.server.audit.AuditEvent} names who acted (and their tenant), what
 * they did to which resource, the decision and why, and the request it came from; the log numbers events in one
 * sequence and chains each to the previous one with a SHA-256 hash, so {@link org.haven.server.audit.AuditLog#verify()}
 * finds any event changed, removed or re-ordered behind the application's back. Events about a change are appended
 * in the transaction that makes the change; denials are appended too. Auditors read the log through
 * {@link org.haven.server.audit.AuditLog#find(org.haven.server.audit.AuditQuery)}, newest first, a page at a time.
 * Events never carry secrets: callers pass no token, password or key material, in any field.
 */
package org.haven.server.audit;
