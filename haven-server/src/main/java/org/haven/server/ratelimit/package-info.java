/**
 * Rate limiting of the REST API with token buckets that every server replica shares through PostgreSQL: a ceiling
 * per client address on every {@code /api/v1} request and a tighter sign-in budget per address (both checked before
 * authentication), then read and write budgets per authenticated principal. Refused requests get 429 with
 * {@code Retry-After}. Owns {@link org.haven.server.ratelimit.RateLimitSettings} ({@code haven.rate-limit.*}), the
 * {@link org.haven.server.ratelimit.RateLimiter} other modules may ask directly, and the
 * {@code rate_limit_buckets} table.
 */
package org.haven.server.ratelimit;
