package org.haven.authz.schema;

/**
 * One allowed subject type of a relation: {@code user}, {@code group#member} or {@code user:*}, optionally
 * {@code with} a caveat and/or {@code expiration}.
 */
public record AllowedSubject(String type, String relation, boolean wildcard, String caveat, boolean expiration, SourcePosition position) {

    @Override
    public String toString() {
        String base = wildcard ? type + ":*" : relation == null ? type : type + "#" + relation;
        if (caveat != null && expiration) {
            return base + " with " + caveat + " and expiration";
        }
        if (caveat != null) {
            return base + " with " + caveat;
        }
        return expiration ? base + " with expiration" : base;
    }
}
