package org.haven.authz.validation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.haven.authz.AuthzException;
import org.haven.authz.AuthzSettings;
import org.haven.authz.CheckRequest;
import org.haven.authz.CheckResult;
import org.haven.authz.Consistency;
import org.haven.authz.ObjectRef;
import org.haven.authz.Permissionship;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;
import org.haven.authz.internal.IndexedAuthzEngine;
import org.haven.authz.store.InMemoryTupleStore;

/**
 * Runs a validation file the way SpiceDB's tooling does: loads schema and relationships into a fresh in-memory
 * engine, evaluates every assertion, and compares every expected relation with the subjects actually reached.
 */
public final class ValidationRunner {

    private ValidationRunner() {}

    /** Loads and runs a file; an unreadable or invalid file raises {@link AuthzException}. */
    public static ValidationResult run(Path path) {
        return run(ValidationFile.load(path));
    }

    public static ValidationResult run(ValidationFile file) {
        AuthzSettings settings = AuthzSettings.defaults().withRefreshInterval(Duration.ofHours(1));
        try (IndexedAuthzEngine engine = IndexedAuthzEngine.start(file.schema(), new InMemoryTupleStore(), settings)) {
            load(file, engine);
            List<ValidationFailure> failures = new ArrayList<>();
            int checks = 0;
            for (Assertion assertion : file.assertions()) {
                checks++;
                runAssertion(engine, assertion, failures);
            }
            for (Map.Entry<Located<String>, List<ExpectedSubject>> entry : file.expectedRelations().entrySet()) {
                checks++;
                compareExpected(file.path(), engine, entry.getKey(), entry.getValue(), failures);
            }
            failures.sort(java.util.Comparator.comparingInt(ValidationFailure::line));
            return new ValidationResult(file.path(), checks, failures);
        }
    }

    private static void load(ValidationFile file, IndexedAuthzEngine engine) {
        for (Located<org.haven.authz.Relationship> relationship : file.relationships()) {
            try {
                engine.write(List.of(RelationshipUpdate.touch(relationship.value())));
            } catch (AuthzException e) {
                throw ValidationFile.invalid(file.path(), relationship.line(), "relationship '" + relationship.value() + "' rejected: " + e.getMessage());
            }
        }
    }

    private static void runAssertion(IndexedAuthzEngine engine, Assertion assertion, List<ValidationFailure> failures) {
        CheckResult result;
        try {
            result = engine.check(assertion.request());
        } catch (AuthzException e) {
            failures.add(new ValidationFailure(assertion.line(), assertion.kind().key() + " " + assertion.text() + ": " + e.getMessage()));
            return;
        }
        Permissionship expected = switch (assertion.kind()) {
            case TRUE -> Permissionship.HAS_PERMISSION;
            case FALSE -> Permissionship.NO_PERMISSION;
            case CAVEATED -> Permissionship.CONDITIONAL;
        };
        if (result.permissionship() != expected) {
            failures.add(new ValidationFailure(assertion.line(),
                    assertion.kind().key() + " failed for " + assertion.text() + ": expected " + expected + " but was " + result));
        }
    }

    private static void compareExpected(Path path, IndexedAuthzEngine engine, Located<String> key, List<ExpectedSubject> expected,
                                        List<ValidationFailure> failures) {
        int hash = key.value().lastIndexOf('#');
        ObjectRef resource;
        String relation;
        try {
            if (hash < 0) {
                throw new IllegalArgumentException("missing '#relation'");
            }
            resource = ObjectRef.parse(key.value().substring(0, hash));
            relation = key.value().substring(hash + 1);
        } catch (RuntimeException e) {
            throw ValidationFile.invalid(path, key.line(), "invalid validation key '" + key.value() + "', expected type:id#relation");
        }
        Map<String, SubjectRef> actual;
        try {
            actual = actualSubjects(engine, resource, relation);
        } catch (AuthzException e) {
            failures.add(new ValidationFailure(key.line(), "validation of " + key.value() + ": " + e.getMessage()));
            return;
        }
        Set<String> listed = new TreeSet<>();
        for (ExpectedSubject subject : expected) {
            listed.add(subject.subject());
            if (!actual.containsKey(subject.subject())) {
                failures.add(new ValidationFailure(subject.line(),
                        "for " + key.value() + ": expected subject [" + subject.subject() + "] was not found (found: " + actual.keySet() + ")"));
                continue;
            }
            SubjectRef ref = actual.get(subject.subject());
            for (String grant : subject.grantedBy()) {
                checkGrant(engine, key.value(), subject, ref, grant, failures);
            }
        }
        for (String found : actual.keySet()) {
            if (!listed.contains(found)) {
                failures.add(new ValidationFailure(key.line(), "for " + key.value() + ": subject [" + found + "] was found but is not listed"));
            }
        }
    }

    private static void checkGrant(IndexedAuthzEngine engine, String key, ExpectedSubject subject, SubjectRef ref, String grant,
                                   List<ValidationFailure> failures) {
        if (ref.isWildcard()) {
            return;
        }
        int hash = grant.lastIndexOf('#');
        try {
            CheckResult result = engine.check(CheckRequest.of(ObjectRef.parse(grant.substring(0, hash)), grant.substring(hash + 1), ref)
                    .withConsistency(Consistency.minimizeLatency()));
            if (result.permissionship() == Permissionship.NO_PERMISSION) {
                failures.add(new ValidationFailure(subject.line(), "for " + key + ": [" + subject.subject() + "] is not granted by <" + grant + ">"));
            }
        } catch (RuntimeException e) {
            failures.add(new ValidationFailure(subject.line(), "for " + key + ": invalid relation <" + grant + ">: " + e.getMessage()));
        }
    }

    /** Reached subjects in the validation files' notation, each mapped to the subject it names. */
    private static Map<String, SubjectRef> actualSubjects(IndexedAuthzEngine engine, ObjectRef resource, String relation) {
        Set<SubjectRef> reached = engine.reachableSubjects(resource, relation, Consistency.fullyConsistent());
        Map<String, CheckResult> results = new LinkedHashMap<>();
        for (SubjectRef subject : reached) {
            results.put(subject.toString(), engine.check(CheckRequest.of(resource, relation, subject)));
        }
        Map<String, SubjectRef> actual = new LinkedHashMap<>();
        for (SubjectRef subject : reached) {
            CheckResult result = results.get(subject.toString());
            if (result.permissionship() == Permissionship.NO_PERMISSION) {
                continue;
            }
            TreeSet<String> excluded = new TreeSet<>();
            if (subject.isWildcard()) {
                for (SubjectRef other : reached) {
                    if (other.type().equals(subject.type()) && !other.isWildcard() && !other.hasRelation()
                            && results.get(other.toString()).permissionship() == Permissionship.NO_PERMISSION) {
                        excluded.add(other.toString());
                    }
                }
            }
            actual.put(ExpectedSubjectSyntax.render(subject.toString(), excluded, result.isConditional()), subject);
        }
        return actual;
    }
}
