package org.haven.authz.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import org.haven.authz.AuthzException;
import org.haven.authz.RelationshipParseException;
import org.haven.authz.SubjectRef;

/** Reads {@code [subject] is <type:id#relation>/<...>} and normalises the subject text for comparison. */
final class ExpectedSubjectSyntax {

    private ExpectedSubjectSyntax() {}

    static ExpectedSubject parse(String text, int line, Function<String, AuthzException> invalid) {
        String trimmed = text.strip();
        int is = trimmed.indexOf("] is ");
        String subjectPart = is >= 0 ? trimmed.substring(0, is + 1) : trimmed;
        String grantPart = is >= 0 ? trimmed.substring(is + "] is ".length()).strip() : "";
        if (!subjectPart.startsWith("[") || !subjectPart.endsWith("]")) {
            throw invalid.apply("expected subject '" + text + "' must look like [type:id] is <type:id#relation>");
        }
        String subject = normalise(subjectPart.substring(1, subjectPart.length() - 1).strip(), text, invalid);
        List<String> grants = new ArrayList<>();
        if (!grantPart.isEmpty()) {
            for (String grant : grantPart.split("/(?=<)")) {
                String g = grant.strip();
                if (!g.startsWith("<") || !g.endsWith(">")) {
                    throw invalid.apply("expected '<type:id#relation>' in '" + text + "'");
                }
                grants.add(g.substring(1, g.length() - 1));
            }
        }
        return new ExpectedSubject(subject, grants, line);
    }

    /** Canonical text: {@code user:tom}, {@code user:tom[...]}, {@code user:* - {user:a, user:b}} (exclusions sorted). */
    static String normalise(String inner, String text, Function<String, AuthzException> invalid) {
        boolean caveated = inner.endsWith("[...]");
        String base = caveated ? inner.substring(0, inner.length() - "[...]".length()).strip() : inner;
        int minus = base.indexOf(" - {");
        try {
            if (minus >= 0 && base.endsWith("}")) {
                SubjectRef wildcard = SubjectRef.parse(base.substring(0, minus));
                TreeSet<String> excluded = new TreeSet<>();
                for (String part : base.substring(minus + " - {".length(), base.length() - 1).split(",")) {
                    if (!part.isBlank()) {
                        excluded.add(normalise(part.strip(), text, invalid));
                    }
                }
                return render(wildcard.toString(), excluded, caveated);
            }
            return render(SubjectRef.parse(base).toString(), new TreeSet<>(), caveated);
        } catch (RelationshipParseException e) {
            throw invalid.apply("invalid subject in '" + text + "': " + e.getMessage());
        }
    }

    static String render(String subject, TreeSet<String> excluded, boolean caveated) {
        String base = excluded.isEmpty() ? subject : subject + " - {" + String.join(", ", excluded) + "}";
        return caveated ? base + "[...]" : base;
    }
}
