/**
 * The privacy library wired into the server: one {@link org.haven.privacy.KeyRing} whose keysets (per tenant and
 * scope) live in PostgreSQL wrapped by the master key of {@code HAVEN_MASTER_KEY_FILE}, or, in development, by a key
 * generated in the data directory. Reads and pipeline steps build their de-identifiers on it.
 */
package org.haven.server.privacy;
