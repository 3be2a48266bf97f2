package org.haven.server.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Routes whose request bodies are streamed straight to storage under limits of their own (file uploads), so the
 * general cap on request bodies ({@code HAVEN_MAX_REQUEST_BYTES}) does not apply to them. A module that owns such
 * routes declares them with a bean of this type; every other request stays capped.
 */
public interface StreamedBodyRoutes {

    boolean matches(HttpServletRequest request);
}
