/**
 * The rate limiter's implementation: Bucket4j buckets in PostgreSQL (row locks with {@code SELECT ... FOR UPDATE}),
 * bucket keys that hash the subject so rows stay small, the purge of buckets that have refilled, and the two
 * servlet filters around Spring Security's filter chain (per client address before it, per principal after it).
 */
package org.haven.server.ratelimit.internal;
