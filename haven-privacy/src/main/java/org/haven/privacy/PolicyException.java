package org.haven.privacy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy refused as a whole, with every problem found (each naming its field). */
public class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyProblem> problems;

    public PolicyException(List<PolicyProblem> problems) {
        super(problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public static PolicyException of(String field, PolicyProblem.Code code, String message) {
        return new PolicyException(List.of(new PolicyProblem(field, code, message)));
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
