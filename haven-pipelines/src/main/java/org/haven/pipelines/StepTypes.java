package org.haven.pipelines;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The step types an engine knows, by name. Immutable. */
public final class StepTypes {

    private final Map<String, StepType> byName;

    private StepTypes(Map<String, StepType> byName) {
        this.byName = byName;
    }

    public static StepTypes of(StepType... types) {
        return of(List.of(types));
    }

    public static StepTypes of(Collection<? extends StepType> types) {
        Map<String, StepType> byName = new LinkedHashMap<>();
        for (StepType type : types) {
            if (byName.putIfAbsent(type.name(), type) != null) {
                throw new IllegalArgumentException("two step types are named '" + type.name() + "'");
            }
        }
        return new StepTypes(Map.copyOf(byName));
    }

    public Optional<StepType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
