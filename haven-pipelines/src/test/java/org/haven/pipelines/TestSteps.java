package org.haven.pipelines;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Step types for tests: a name and a body; "echo" rejects params other than "value". */
final class TestSteps {

    private TestSteps() {}

    interface Body {
        StepResult run(StepContext context) throws Exception;
    }

    static StepType step(String name, Body body) {
        return new StepType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> validate(Map<String, Object> params) {
                return params.keySet().stream().filter(key -> !key.equals("value") && !key.equals("mode"))
                        .map(key -> "unknown param '" + key + "'").toList();
            }

            @Override
            public StepResult execute(StepContext context) throws Exception {
                return body.run(context);
            }
        };
    }

    static StepType echo() {
        return step("echo", context -> StepResult.of(Map.of("value", String.valueOf(context.params().getOrDefault("value", "")))));
    }

    static StepType mapping(String name, Function<StepContext, Map<String, Object>> body) {
        return step(name, context -> StepResult.of(body.apply(context)));
    }
}
