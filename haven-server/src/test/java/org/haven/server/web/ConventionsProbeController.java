package org.haven.server.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that exist only in tests, to drive the HTTP conventions (body parsing, validation, failures) that
 * real endpoints inherit.
 */
@RestController
@RequestMapping("/api/v1/test-probe")
class ConventionsProbeController {

    record Greeting(@NotBlank @Size(max = 20) String name) {}

    @PostMapping("/echo")
    @AuthorizesOnData("a test endpoint with no data")
    Map<String, String> echo(@Valid @RequestBody Greeting greeting) {
        return Map.of("hello", greeting.name());
    }

    @GetMapping("/conflict")
    @AuthorizesOnData("a test endpoint with no data")
    void conflict() {
        throw new HavenException(ErrorCode.CONFLICT, "The thing already exists", Map.of("thing", "t-1"), null);
    }

    @GetMapping("/crash")
    @AuthorizesOnData("a test endpoint with no data")
    void crash() {
        throw new IllegalStateException("secret internal detail that must not reach the client");
    }
}
