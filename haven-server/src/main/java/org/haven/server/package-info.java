/**
 * The Haven server. Each direct sub-package is one capability module (see {@code ModuleStructureTest}):
 * {@code config} (settings, data directory, production guard), {@code database} (embedded or external PostgreSQL,
 * migrations), {@code storage} (the blob store as a Spring bean and its readiness), {@code errors} (the error
 * vocabulary every module throws), {@code web} (HTTP conventions: problem+json, request ids, limits, docs, endpoint
 * declarations), {@code authz} (the authorization engine and Haven's schema), {@code identity} (who is calling),
 * {@code access} (enforcement and access reviews), {@code tenancy} (tenants, projects, apps), {@code ingest} (data
 * sources, files and uploads), {@code catalog} (datasets, their schema versions and published versions),
 * {@code pipeline} (durable pipeline runs), {@code audit} (the hash-chained audit log), {@code ratelimit} (token
 * buckets) and {@code idempotency} (Idempotency-Key).
 */
package org.haven.server;
