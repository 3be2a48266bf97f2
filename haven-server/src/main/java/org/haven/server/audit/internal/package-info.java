/**
 * The audit log on PostgreSQL: the {@code audit_events} table and its chain head (migration {@code V3__audit_log.sql},
 * whose triggers make the table append-only), the canonical form events are hashed in, the streaming chain check
 * and the auditors' search with its cursor.
 */
package org.haven.server.audit.internal;
