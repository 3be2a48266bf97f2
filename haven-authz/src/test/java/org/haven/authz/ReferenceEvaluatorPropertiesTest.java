package org.haven.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.haven.authz.store.InMemoryTupleStore;

/**
 * Random schemas and relationship graphs: every check, lookup resources and lookup subjects answer of the engine
 * must equal that of a reference evaluator written here as plainly as possible (fixpoint iteration over all
 * objects). Schemas have three permissions over two relations, a group type with nested membership, a parent
 * arrow, wildcards, union, intersection and exclusion; a permission may follow the parent arrow into itself.
 */
class ReferenceEvaluatorPropertiesTest {

    static final List<String> USERS = List.of("u0", "u1", "u2", "u3");
    static final List<String> GROUPS = List.of("g0", "g1", "g2");
    static final List<String> RESOURCES = List.of("x0", "x1", "x2", "x3", "x4");
    static final List<String> PERMISSIONS = List.of("p_one", "p_two", "p_three");

    sealed interface Expr {}

    record Ref(String name) implements Expr {}

    record ParentArrow(String permission) implements Expr {}

    record Binary(char operator, Expr left, Expr right) implements Expr {}

    record Model(List<Expr> bodies, List<Boolean> selfArrow, List<String> relationships) {}

    @Property(tries = 120)
    void engineAgreesWithTheReferenceEvaluator(@ForAll("models") Model model) {
        String schema = schemaText(model);
        try (AuthzEngine engine = AuthzEngine.open(schema, new InMemoryTupleStore())) {
            List<RelationshipUpdate> updates = new ArrayList<>();
            for (String relationship : new TreeSet<>(model.relationships())) {
                updates.add(RelationshipUpdate.touch(relationship));
            }
            engine.write(updates);
            for (String user : USERS) {
                Map<String, Set<String>> expected = reference(model, user);
                for (String permission : PERMISSIONS) {
                    Set<String> granted = expected.get(permission);
                    for (String resource : RESOURCES) {
                        CheckResult result = engine.check(CheckRequest.parse("res:" + resource + "#" + permission + "@user:" + user));
                        assertThat(result.hasPermission()).as("%s#%s@%s in%n%s%n%s", resource, permission, user, schema, model.relationships())
                                .isEqualTo(granted.contains(resource));
                    }
                    Set<String> found = new TreeSet<>();
                    for (ResourceResult result : engine.lookupResources(LookupResourcesRequest.of("res", permission, SubjectRef.object("user", user)))) {
                        found.add(result.resource().id());
                    }
                    assertThat(found).as("lookup resources %s@%s in%n%s%n%s", permission, user, schema, model.relationships())
                            .isEqualTo(new TreeSet<>(granted));
                }
            }
            for (String permission : PERMISSIONS) {
                for (String resource : RESOURCES) {
                    Set<String> viaLookup = subjectsOf(engine.lookupSubjects(LookupSubjectsRequest.of(ObjectRef.of("res", resource), permission, "user")));
                    Set<String> viaReference = new TreeSet<>();
                    for (String user : USERS) {
                        if (reference(model, user).get(permission).contains(resource)) {
                            viaReference.add(user);
                        }
                    }
                    assertThat(viaLookup).as("lookup subjects res:%s#%s in%n%s%n%s", resource, permission, schema, model.relationships())
                            .isEqualTo(viaReference);
                }
            }
        }
    }

    /** Expands a wildcard answer into the test's universe of users, so it compares with the reference. */
    private static Set<String> subjectsOf(List<SubjectResult> results) {
        Set<String> users = new TreeSet<>();
        for (SubjectResult result : results) {
            if (result.subject().isWildcard()) {
                for (String user : USERS) {
                    if (!result.excludedSubjects().contains(SubjectRef.object("user", user))) {
                        users.add(user);
                    }
                }
            } else {
                users.add(result.subject().id());
            }
        }
        return users;
    }

    // ---- the reference evaluator: whole-graph fixpoints, no cleverness ----

    private static Map<String, Set<String>> reference(Model model, String user) {
        Set<String> edges = new HashSet<>(model.relationships());
        Set<String> memberOf = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String group : GROUPS) {
                boolean member = edges.contains("group:" + group + "#member@user:" + user);
                for (String inner : GROUPS) {
                    member |= edges.contains("group:" + group + "#member@group:" + inner + "#member") && memberOf.contains(inner);
                }
                if (member && memberOf.add(group)) {
                    changed = true;
                }
            }
        }
        Map<String, Set<String>> values = new HashMap<>();
        for (String relation : List.of("r_a", "r_b")) {
            Set<String> holders = new HashSet<>();
            for (String resource : RESOURCES) {
                String prefix = "res:" + resource + "#" + relation + "@";
                boolean holds = edges.contains(prefix + "user:" + user) || edges.contains(prefix + "user:*");
                for (String group : memberOf) {
                    holds |= edges.contains(prefix + "group:" + group + "#member");
                }
                if (holds) {
                    holders.add(resource);
                }
            }
            values.put(relation, holders);
        }
        for (int i = 0; i < PERMISSIONS.size(); i++) {
            String permission = PERMISSIONS.get(i);
            Set<String> holders = new HashSet<>();
            values.put(permission, holders);
            changed = true;
            while (changed) {
                changed = false;
                for (String resource : RESOURCES) {
                    boolean holds = value(model.bodies().get(i), resource, values, edges);
                    if (model.selfArrow().get(i)) {
                        holds |= value(new ParentArrow(permission), resource, values, edges);
                    }
                    if (holds && holders.add(resource)) {
                        changed = true;
                    }
                }
            }
        }
        return values;
    }

    private static boolean value(Expr expr, String resource, Map<String, Set<String>> values, Set<String> edges) {
        if (expr instanceof Ref ref) {
            return values.get(ref.name()).contains(resource);
        }
        if (expr instanceof ParentArrow arrow) {
            for (String parent : RESOURCES) {
                if (edges.contains("res:" + resource + "#parent@res:" + parent) && values.get(arrow.permission()).contains(parent)) {
                    return true;
                }
            }
            return false;
        }
        Binary binary = (Binary) expr;
        boolean left = value(binary.left(), resource, values, edges);
        boolean right = value(binary.right(), resource, values, edges);
        return switch (binary.operator()) {
            case '+' -> left || right;
            case '&' -> left && right;
            default -> left && !right;
        };
    }

    // ---- generators ----

    private static String schemaText(Model model) {
        StringBuilder text = new StringBuilder("""
                definition user {}
                definition group {
                  relation member: user | group#member
                }
                definition res {
                  relation parent: res
                  relation r_a: user | user:* | group#member
                  relation r_b: user | group#member
                """);
        for (int i = 0; i < PERMISSIONS.size(); i++) {
            text.append("  permission ").append(PERMISSIONS.get(i)).append(" = ").append(render(model.bodies().get(i)));
            if (model.selfArrow().get(i)) {
                text.append(" + parent->").append(PERMISSIONS.get(i));
            }
            text.append('\n');
        }
        return text.append("}\n").toString();
    }

    private static String render(Expr expr) {
        if (expr instanceof Ref ref) {
            return ref.name();
        }
        if (expr instanceof ParentArrow arrow) {
            return "parent->" + arrow.permission();
        }
        Binary binary = (Binary) expr;
        return "(" + render(binary.left()) + " " + binary.operator() + " " + render(binary.right()) + ")";
    }

    @Provide
    Arbitrary<Model> models() {
        Arbitrary<Expr> first = expression(0);
        Arbitrary<Expr> second = expression(1);
        Arbitrary<Expr> third = expression(2);
        Arbitrary<List<Boolean>> selfArrows = Arbitraries.of(true, false).list().ofSize(3);
        Arbitrary<List<String>> relationships = relationship().list().ofMinSize(0).ofMaxSize(25);
        return Combinators.combine(first, second, third, selfArrows, relationships)
                .as((a, b, c, self, rels) -> new Model(List.of(a, b, c), self, rels));
    }

    private Arbitrary<Expr> expression(int index) {
        List<Expr> leaves = new ArrayList<>(List.of(new Ref("r_a"), new Ref("r_b")));
        for (int j = 0; j < index; j++) {
            leaves.add(new Ref(PERMISSIONS.get(j)));
            leaves.add(new ParentArrow(PERMISSIONS.get(j)));
        }
        Arbitrary<Expr> leaf = Arbitraries.of(leaves);
        Arbitrary<Expr> pair = Combinators.combine(Arbitraries.of('+', '&', '-'), leaf, leaf).as(Binary::new);
        Arbitrary<Expr> nested = Combinators.combine(Arbitraries.of('+', '&', '-'), pair, leaf).as(Binary::new);
        return Arbitraries.oneOf(leaf, pair, nested);
    }

    private Arbitrary<String> relationship() {
        Arbitrary<String> user = Arbitraries.of(USERS).map(u -> "user:" + u);
        Arbitrary<String> groupSet = Arbitraries.of(GROUPS).map(g -> "group:" + g + "#member");
        Arbitrary<String> resource = Arbitraries.of(RESOURCES);
        Arbitrary<String> membership = Combinators.combine(Arbitraries.of(GROUPS), Arbitraries.oneOf(user, groupSet))
                .as((group, subject) -> "group:" + group + "#member@" + subject);
        Arbitrary<String> grant = Combinators.combine(resource, Arbitraries.of("r_a", "r_b"), Arbitraries.oneOf(user, user, groupSet))
                .as((res, relation, subject) -> "res:" + res + "#" + relation + "@" + subject);
        Arbitrary<String> publicGrant = resource.map(res -> "res:" + res + "#r_a@user:*");
        Arbitrary<String> parent = Combinators.combine(resource, resource).as((child, res) -> "res:" + child + "#parent@res:" + res);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, membership), net.jqwik.api.Tuple.of(5, grant),
                net.jqwik.api.Tuple.of(1, publicGrant), net.jqwik.api.Tuple.of(3, parent));
    }
}
