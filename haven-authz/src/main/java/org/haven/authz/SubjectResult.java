package org.haven.authz;

import java.util.List;

/**
 * One subject found by lookup subjects. For a wildcard subject ({@code user:*}), {@code excludedSubjects} lists the
 * subjects of that type that the wildcard does not reach (e.g. through an exclusion).
 */
public record SubjectResult(SubjectRef subject, CheckResult result, List<SubjectRef> excludedSubjects) {

    public SubjectResult {
        excludedSubjects = List.copyOf(excludedSubjects);
    }
}
