package org.haven.authz.schema;

import java.util.Set;

/** The result of evaluating a caveat: decided true or false, or undecided for want of the named parameters. */
public record CaveatOutcome(Decision decision, Set<String> missingParameters) {

    public enum Decision { TRUE, FALSE, MISSING_CONTEXT }

    public static final CaveatOutcome TRUE = new CaveatOutcome(Decision.TRUE, Set.of());
    public static final CaveatOutcome FALSE = new CaveatOutcome(Decision.FALSE, Set.of());

    public CaveatOutcome {
        missingParameters = Set.copyOf(missingParameters);
    }
}
