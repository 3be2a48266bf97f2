package org.haven.server.errors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems found in one request, each naming its field, gathered so that the caller learns of all of them at
 * once: one {@code validation-failed} problem whose {@code errors} list them in the order found.
 */
public final class FieldErrors {

    private final List<Map<String, String>> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        errors.add(error);
        return this;
    }

    /** Raises every problem found so far as one; does nothing when there is none. */
    public void check(String what) {
        if (!errors.isEmpty()) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "The " + what + " has invalid fields; see 'errors'",
                    Map.of("errors", List.copyOf(errors)), null);
        }
    }
}
