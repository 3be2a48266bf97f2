/**
 * The relational store: an external PostgreSQL 15+ when {@code HAVEN_DB_URL} is set, otherwise a private
 * PostgreSQL 18 that Haven starts itself from Maven-shipped binaries under the data directory. Owns the
 * connection pool, the Flyway migrations every other module's tables come from, and the platform features
 * the rest of Haven relies on (checked at start-up).
 */
package org.haven.server.database;
