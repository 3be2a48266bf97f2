/**
 * The Haven server. Each direct sub-package is one capability module (see {@code ModuleStructureTest}):
 * {@code config} (settings, data directory, production guard), {@code database} (embedded or external PostgreSQL,
 * migrations), {@code storage} (the blob store as a Spring bean and its readiness), {@code errors} (the error
 * vocabulary every module throws) and {@code web} (HTTP conventions: problem+json, request ids, limits, docs).
 */
package org.haven.server;
