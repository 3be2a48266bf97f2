package org.haven.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors that never reached a controller (raised in a filter or by the servlet container) as problem
 * documents, replacing Spring Boot's HTML error page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemDetail problem;
        if (exception instanceof HavenException haven) {
            problem = ProblemDocuments.of(haven.errorCode(), haven.getMessage(), haven.properties());
        } else if (statusAttribute instanceof Integer status) {
            ErrorCode code = ErrorCode.forStatus(status);
            problem = ProblemDocuments.of(code, code.status() >= 500 ? "An unexpected error occurred. Quote the traceId when reporting it." : code.title());
        } else {
            // Called directly rather than as an error dispatch: there is nothing here.
            problem = ProblemDocuments.of(ErrorCode.NOT_FOUND, "No endpoint " + request.getMethod() + " " + request.getRequestURI());
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
