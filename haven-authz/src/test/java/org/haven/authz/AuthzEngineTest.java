package org.haven.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.haven.authz.schema.SchemaParser;
import org.haven.authz.store.InMemoryTupleStore;
import org.junit.jupiter.api.Test;

class AuthzEngineTest {

    private static final String SCHEMA = """
            definition user {}
            caveat small(n int) { n < 10 }
            definition group {
              relation member: user | group#member | user with small
            }
            definition document {
              relation reader: user | group#member
              relation banned: user
              permission read = reader - banned
            }
            """;

    private static AuthzEngine engine(AuthzSettings settings, List<String> relationships) {
        AuthzEngine engine = AuthzEngine.open(SchemaParser.parse(SCHEMA), new InMemoryTupleStore(), settings);
        engine.write(relationships.stream().map(RelationshipUpdate::touch).toList());
        return engine;
    }

    @Test
    void deepNestingStopsAtTheDepthLimitWithAClearError() {
        List<String> chain = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            chain.add("group:g" + i + "#member@group:g" + (i + 1) + "#member");
        }
        chain.add("group:g200#member@user:deep");
        try (AuthzEngine engine = engine(AuthzSettings.defaults(), chain)) {
            assertThatThrownBy(() -> engine.check(CheckRequest.parse("group:g0#member@user:deep")))
                    .isInstanceOf(DepthLimitExceededException.class)
                    .hasMessageContaining("depth limit of 50");
            assertThat(engine.check(CheckRequest.parse("group:g170#member@user:deep")).hasPermission()).isTrue();
            assertThat(engine.expand(ObjectRef.of("group", "g0"), "member", Consistency.minimizeLatency()).render()).contains("TRUNCATED");
        }
    }

    @Test
    void hugeFanOutIsAnsweredWithoutMaterialisingIt() {
        List<RelationshipUpdate> members = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            members.add(RelationshipUpdate.touch(Relationship.parse("group:all#member@user:u" + i)));
        }
        try (AuthzEngine engine = engine(AuthzSettings.defaults(), List.of("document:d#reader@group:all#member"))) {
            engine.write(members);
            assertThat(engine.check(CheckRequest.parse("document:d#read@user:u99999")).hasPermission()).isTrue();
            assertThat(engine.check(CheckRequest.parse("document:d#read@user:nobody")).hasPermission()).isFalse();
            assertThat(engine.lookupSubjects(LookupSubjectsRequest.of(ObjectRef.of("document", "d"), "read", "user"))).hasSize(100_000);
        }
    }

    @Test
    void missingCaveatContextGivesAConditionalAnswerNamingTheParameters() {
        try (AuthzEngine engine = engine(AuthzSettings.defaults(), List.of("group:eng#member@user:sam[small]", "document:d#reader@group:eng#member"))) {
            CheckRequest request = CheckRequest.parse("document:d#read@user:sam");

            CheckResult withoutContext = engine.check(request);
            assertThat(withoutContext.isConditional()).isTrue();
            assertThat(withoutContext.missingCaveatParameters()).containsExactly("n");
            assertThat(engine.checkBulk(List.of(request.withContext(Map.of("n", 3L)), request.withContext(Map.of("n", 30L)))))
                    .extracting(CheckResult::permissionship).containsExactly(Permissionship.HAS_PERMISSION, Permissionship.NO_PERMISSION);
            assertThat(engine.lookupResources(LookupResourcesRequest.of("document", "read", SubjectRef.object("user", "sam"))))
                    .singleElement().satisfies(result -> assertThat(result.result().isConditional()).isTrue());
        }
    }

    @Test
    void expandExplainsWhoHasAccessAndWhy() {
        try (AuthzEngine engine = engine(AuthzSettings.defaults(),
                List.of("document:d#reader@group:eng#member", "group:eng#member@user:eve", "document:d#banned@user:eve", "document:d#reader@user:ann"))) {
            ExpandTree tree = engine.expand(ObjectRef.of("document", "d"), "read", Consistency.fullyConsistent());

            assertThat(tree.kind()).isEqualTo(ExpandTree.Kind.EXCLUSION);
            assertThat(tree.render()).contains("document:d#reader@group:eng#member", "group:eng#member@user:eve", "document:d#banned@user:eve");
            assertThat(engine.lookupSubjects(LookupSubjectsRequest.of(ObjectRef.of("document", "d"), "read", "user")))
                    .extracting(result -> result.subject().toString()).containsExactly("user:ann");
        }
    }

    @Test
    void refusesRelationshipsTheSchemaDoesNotAllow() {
        try (AuthzEngine engine = engine(AuthzSettings.defaults(), List.of())) {
            assertThatThrownBy(() -> engine.write(List.of(RelationshipUpdate.touch("document:d#read@user:ann"))))
                    .hasMessageContaining("'read' is a permission");
            assertThatThrownBy(() -> engine.write(List.of(RelationshipUpdate.touch("document:d#banned@group:eng#member"))))
                    .hasMessageContaining("type mismatch");
            assertThatThrownBy(() -> engine.write(List.of(RelationshipUpdate.touch("group:g#member@user:x[small:{\"m\":1}]"))))
                    .hasMessageContaining("'m' is not a parameter");
            assertThatThrownBy(() -> engine.check(CheckRequest.parse("document:d#nope@user:ann")))
                    .isInstanceOf(AuthzException.class).hasMessageContaining("no relation or permission 'nope'");
        }
    }
}
