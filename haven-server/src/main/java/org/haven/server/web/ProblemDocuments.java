package org.haven.server.web;

import java.util.Map;
import org.haven.server.errors.ErrorCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the one problem document shape every error has: RFC 9457 {@code type}, {@code title}, {@code status},
 * {@code detail}, plus {@code code} (the stable {@link ErrorCode}), {@code retryable} and {@code traceId} (the
 * request id, also sent as {@code X-Request-Id}, to quote when reporting a problem).
 */
final class ProblemDocuments {

    private ProblemDocuments() {}

    static ProblemDetail of(ErrorCode code, String detail) {
        return of(code, detail, Map.of());
    }

    static ProblemDetail of(ErrorCode code, String detail, Map<String, Object> extensions) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.status()), detail);
        problem.setType(java.net.URI.create(code.type()));
        problem.setTitle(code.title());
        problem.setProperty("code", code.code());
        problem.setProperty("retryable", code.retryable());
        extensions.forEach(problem::setProperty);
        String requestId = RequestIds.current();
        if (requestId != null) {
            problem.setProperty("traceId", requestId);
        }
        return problem;
    }
}
