package org.haven.server.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepFailure;

/**
 * Reading a step's params and its run's inputs. Definitions are checked when they are applied ({@link #problems}),
 * so a bad value met while running is a permanent failure: trying again cannot fix it.
 */
final class StepParams {

    private StepParams() {}

    /** Problems with keys outside {@code allowed}, in the order the definition lists them. */
    static List<String> unknownKeys(Map<String, Object> params, Set<String> allowed) {
        List<String> problems = new ArrayList<>();
        for (String key : params.keySet()) {
            if (!allowed.contains(key)) {
                problems.add("unknown param '" + key + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        return problems;
    }

    static boolean isUuid(Object value) {
        if (!(value instanceof String text)) {
            return false;
        }
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isWholeNumber(Object value, long min) {
        return value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.longValue() >= min;
    }

    static UUID uuidParam(StepContext context, String name) {
        Object value = context.params().get(name);
        return value == null ? null : UUID.fromString(value.toString());
    }

    static UUID requiredInput(StepContext context, String name) {
        String value = context.inputs().get(name);
        if (value == null) {
            throw StepFailure.permanent("the run has no '" + name + "' input; start it from an upload or pass "
                    + name + " when starting it");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("the run's '" + name + "' input is not an id");
        }
    }

    static UUID tenant(StepContext context) {
        return UUID.fromString(context.tenantId());
    }

    /** The subject the run acts for: who uploaded the file or started the run. */
    static String startedBy(StepContext context) {
        return context.inputs().getOrDefault("started_by", "system:pipeline");
    }
}
