/**
 * HTTP conventions shared by every endpoint: RFC 9457 problem+json for every error (including those raised by
 * the servlet container), request ids in responses and logs, request size limits, guarded metrics, and the
 * OpenAPI document with Swagger UI at {@code /docs}.
 */
package org.haven.server.web;
