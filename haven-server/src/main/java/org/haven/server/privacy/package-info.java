/**
 * The privacy library wired into the server: one {@link org.haven.privacy.KeyRing} whose keysets (per tenant and
 * scope) live in PostgreSQL wrapped by the master key of {@code HAVEN_MASTER_KEY_FILE}, or, in development, by a key
 * generated in the data directory. Reads and pipeline steps build their de-identifiers on it. One
 * {@link org.haven.privacy.SdcSettings}, the threshold and rounding base of {@code HAVEN_SDC_THRESHOLD} and
 * {@code HAVEN_SDC_ROUNDING_BASE}, is the disclosure control rule of every aggregate result.
 */
package org.haven.server.privacy;
