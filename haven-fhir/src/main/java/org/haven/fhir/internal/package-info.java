/** Implementation of the FHIR source library: HTTP transport, retries, rate limiting, tokens, Bundle pages. Not API. */
package org.haven.fhir.internal;
