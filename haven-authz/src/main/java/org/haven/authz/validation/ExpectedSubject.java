package org.haven.authz.validation;

import java.util.List;

/**
 * One line of an expected relation, {@code [user:tom] is <document:doc#writer>}. {@code subject} is the
 * normalised text inside the square brackets ({@code user:tom}, {@code user:tom[...]} when caveated,
 * {@code user:* - {user:a, user:b}} for a wildcard with exclusions); {@code grantedBy} are the relation names in
 * angle brackets.
 */
public record ExpectedSubject(String subject, List<String> grantedBy, int line) {

    public ExpectedSubject {
        grantedBy = List.copyOf(grantedBy);
    }
}
