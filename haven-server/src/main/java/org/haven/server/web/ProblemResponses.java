package org.haven.server.web;

import java.util.List;
import java.util.Map;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.storage.BlobStoreProblems;
import org.haven.storage.BlobStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Turns every exception that reaches Spring MVC into a problem document. Haven's own errors carry their code;
 * Spring's are mapped by kind; anything else is an internal error whose details go to the log, never to the
 * client.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(HavenException.class)
    ResponseEntity<Object> haven(HavenException exception) {
        ErrorCode code = exception.errorCode();
        if (code.status() >= 500) {
            log.error("{}: {}", code.code(), exception.getMessage(), exception);
        } else {
            log.debug("{}: {}", code.code(), exception.getMessage());
        }
        return problem(ProblemDocuments.of(code, exception.getMessage(), exception.properties()), new HttpHeaders());
    }

    @ExceptionHandler(BlobStoreException.class)
    ResponseEntity<Object> blobStore(BlobStoreException exception) {
        return haven(BlobStoreProblems.toHavenException(exception));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception exception) {
        log.error("Unexpected error", exception);
        return problem(ProblemDocuments.of(ErrorCode.INTERNAL,
                "An unexpected error occurred. Quote the traceId when reporting it."), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception exception, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = findCause(exception, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return haven(tooLarge);
        }
        ErrorCode code = codeFor(exception, status);
        ProblemDetail problem = ProblemDocuments.of(code, detailFor(exception, code, request), extensionsFor(exception));
        return problem(problem, headers);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders responseHeaders = new HttpHeaders(headers);
        // Preset so that content negotiation cannot turn an error into a 406 or an HTML page.
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(responseHeaders).body(problem);
    }

    private static ErrorCode codeFor(Exception exception, HttpStatusCode status) {
        if (exception instanceof HttpMessageNotReadableException) {
            return ErrorCode.MALFORMED_JSON;
        }
        if (exception instanceof MethodArgumentNotValidException || exception instanceof HandlerMethodValidationException
                || exception instanceof MethodArgumentTypeMismatchException) {
            return ErrorCode.VALIDATION_FAILED;
        }
        return ErrorCode.forStatus(status.value());
    }

    private static String detailFor(Exception exception, ErrorCode code, WebRequest request) {
        if (exception instanceof NoResourceFoundException && request instanceof ServletWebRequest servlet) {
            return "No endpoint " + servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI();
        }
        if (exception instanceof HttpMessageNotReadableException) {
            JacksonException jackson = findCause(exception, JacksonException.class);
            TokenStreamLocation location = jackson == null ? null : jackson.getLocation();
            if (location != null && location.getLineNr() > 0) {
                return "The request body is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            }
            return "The request body is missing or is not valid JSON";
        }
        if (exception instanceof MethodArgumentTypeMismatchException mismatch) {
            // The value is not echoed: it may be anything a client put in a path or query string.
            return "'" + mismatch.getName() + "' must be " + describe(mismatch.getRequiredType());
        }
        if (code == ErrorCode.VALIDATION_FAILED) {
            return "The request has invalid fields; see 'errors'";
        }
        if (exception instanceof ErrorResponse response && response.getBody().getDetail() != null) {
            return response.getBody().getDetail();
        }
        return code.title();
    }

    private static String describe(Class<?> type) {
        if (type == java.util.UUID.class) {
            return "an id (a UUID)";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return type == null ? "of another type" : "a valid " + type.getSimpleName();
    }

    private static Map<String, Object> extensionsFor(Exception exception) {
        if (exception instanceof MethodArgumentNotValidException invalid) {
            List<Map<String, String>> errors = invalid.getBindingResult().getFieldErrors().stream()
                    .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                    .toList();
            return Map.of("errors", errors);
        }
        if (exception instanceof HandlerMethodValidationException invalid) {
            List<Map<String, String>> errors = invalid.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                            "field", String.valueOf(result.getMethodParameter().getParameterName()),
                            "message", String.valueOf(error.getDefaultMessage()))))
                    .toList();
            return Map.of("errors", errors);
        }
        return Map.of();
    }

    private static <T extends Throwable> T findCause(Throwable throwable, Class<T> type) {
        for (Throwable current = throwable; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }
}
