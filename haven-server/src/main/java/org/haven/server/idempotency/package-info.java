/**
 * The {@code Idempotency-Key} convention for requests that start work: the first request with a key is
 * executed and its response remembered; a retry with the same key and the same request gets that response
 * again; the same key with a different request is refused. Keys are scoped to their caller and expire.
 */
package org.haven.server.idempotency;
