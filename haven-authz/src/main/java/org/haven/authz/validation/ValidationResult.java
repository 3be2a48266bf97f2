package org.haven.authz.validation;

import java.nio.file.Path;
import java.util.List;

/** The outcome of running one validation file. */
public record ValidationResult(Path file, int checksRun, List<ValidationFailure> failures) {

    public ValidationResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
