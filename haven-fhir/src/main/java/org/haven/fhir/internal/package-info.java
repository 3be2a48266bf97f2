/**
 * Implementation of the FHIR source library: HTTP transport, retries, rate limiting, tokens, Bundle pages, bulk export
 * manifests and NDJSON lines. Not API.
 */
package org.haven.fhir.internal;
