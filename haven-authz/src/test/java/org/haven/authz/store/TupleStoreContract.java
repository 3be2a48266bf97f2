package org.haven.authz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.haven.authz.AuthzEngine;
import org.haven.authz.AuthzErrorCode;
import org.haven.authz.AuthzException;
import org.haven.authz.AuthzSettings;
import org.haven.authz.ChangeBatch;
import org.haven.authz.CheckRequest;
import org.haven.authz.Consistency;
import org.haven.authz.Precondition;
import org.haven.authz.PreconditionFailedException;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipFilter;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.RevisionToken;
import org.haven.authz.schema.SchemaParser;
import org.junit.jupiter.api.Test;

/** What every {@link TupleStore} must do; each implementation runs this suite through a subclass. */
abstract class TupleStoreContract {

    static final String SCHEMA = """
            use expiration
            definition user {}
            caveat small(n int) { n < 10 }
            definition group {
              relation member: user | group#member
            }
            definition document {
              relation reader: user | user:* | group#member | user with small | user with expiration
              permission read = reader
            }
            """;

    /** A fresh, empty store. */
    protected abstract TupleStore store();

    /** A second store over the same data as the last {@link #store()}: another process sharing the database. */
    protected abstract TupleStore sameDataStore();

    private AuthzEngine engine(TupleStore store) {
        return AuthzEngine.open(SchemaParser.parse(SCHEMA), store, AuthzSettings.defaults().withRefreshInterval(Duration.ofMillis(200)));
    }

    @Test
    void writesAndReadsEveryKindOfRelationship() {
        try (AuthzEngine engine = engine(store())) {
            List<String> texts = List.of("document:d#reader@user:alice", "document:d#reader@group:eng#member", "document:d#reader@user:*",
                    "document:d#reader@user:sam[small:{\"n\":3}]", "document:d#reader@user:tim[expiration:2300-01-01T00:00:00Z]");
            engine.write(texts.stream().map(RelationshipUpdate::touch).toList());

            List<Relationship> read = engine.readRelationships(RelationshipFilter.ofType("document"), Consistency.fullyConsistent());

            assertThat(read).extracting(Relationship::toString).containsExactlyInAnyOrderElementsOf(texts);
            assertThat(engine.readRelationships(RelationshipFilter.ofType("document").withSubject(org.haven.authz.SubjectRef.set("group", "eng", "member")),
                    Consistency.fullyConsistent())).hasSize(1);
        }
    }

    @Test
    void touchReplacesAndCreateRefusesAnExistingRelationship() {
        try (AuthzEngine engine = engine(store())) {
            engine.write(List.of(RelationshipUpdate.touch("document:d#reader@user:sam[small:{\"n\":3}]")));
            engine.write(List.of(RelationshipUpdate.touch("document:d#reader@user:sam[small:{\"n\":30}]")));

            assertThatThrownBy(() -> engine.write(List.of(RelationshipUpdate.create("document:d#reader@user:sam[small]"))))
                    .isInstanceOf(AuthzException.class)
                    .satisfies(e -> assertThat(((AuthzException) e).code()).isEqualTo(AuthzErrorCode.RELATIONSHIP_EXISTS));
            List<Relationship> read = engine.readRelationships(RelationshipFilter.ofType("document"), Consistency.fullyConsistent());
            assertThat(read).hasSize(1);
            assertThat(read.get(0).caveat().context()).containsEntry("n", 30L);
            assertThat(engine.check(CheckRequest.parse("document:d#read@user:sam")).hasPermission()).isFalse();
        }
    }

    @Test
    void aBatchWithAFailedPreconditionWritesNothing() {
        try (AuthzEngine engine = engine(store())) {
            engine.write(List.of(RelationshipUpdate.touch("document:d#reader@user:alice")));
            RelationshipFilter bobReads = RelationshipFilter.of(Relationship.parse("document:d#reader@user:bob").resource(), "reader")
                    .withSubject(Relationship.parse("document:d#reader@user:bob").subject());

            assertThatThrownBy(() -> engine.write(List.of(RelationshipUpdate.touch("document:d#reader@user:carol"),
                    RelationshipUpdate.delete("document:d#reader@user:alice")), List.of(Precondition.mustMatch(bobReads))))
                    .isInstanceOf(PreconditionFailedException.class);
            assertThatThrownBy(() -> engine.write(List.of(RelationshipUpdate.touch("document:d#reader@user:carol"),
                    RelationshipUpdate.create("document:d#reader@user:alice"))))
                    .isInstanceOf(AuthzException.class);

            assertThat(engine.readRelationships(RelationshipFilter.ofType("document"), Consistency.fullyConsistent()))
                    .extracting(Relationship::toString).containsExactly("document:d#reader@user:alice");
            engine.write(List.of(RelationshipUpdate.touch("document:d#reader@user:bob")), List.of(Precondition.mustNotMatch(bobReads)));
            assertThat(engine.check(CheckRequest.parse("document:d#read@user:bob")).hasPermission()).isTrue();
        }
    }

    @Test
    void deletesByFilterAndReportsEveryChangeInOrder() {
        try (AuthzEngine engine = engine(store())) {
            RevisionToken start = engine.currentRevision();
            engine.write(List.of(RelationshipUpdate.touch("document:d1#reader@user:alice"), RelationshipUpdate.touch("document:d2#reader@user:alice"),
                    RelationshipUpdate.touch("document:d2#reader@user:bob")));
            RevisionToken deleted = engine.deleteRelationships(
                    RelationshipFilter.ofType("document").withSubject(Relationship.parse("document:x#reader@user:alice").subject()), List.of());

            ChangeBatch changes = engine.watch(start, 100);

            assertThat(changes.changes()).extracting(change -> change.kind() + " " + change.relationship()).containsExactly(
                    "TOUCH document:d1#reader@user:alice", "TOUCH document:d2#reader@user:alice", "TOUCH document:d2#reader@user:bob",
                    "DELETE document:d1#reader@user:alice", "DELETE document:d2#reader@user:alice");
            assertThat(changes.next()).isEqualTo(deleted);
            assertThat(engine.watch(changes.next(), 100).changes()).isEmpty();
            assertThat(engine.check(CheckRequest.parse("document:d2#read@user:alice")).hasPermission()).isFalse();
            assertThat(engine.check(CheckRequest.parse("document:d2#read@user:bob")).hasPermission()).isTrue();
            assertThat(changes.changes().get(0).revision()).isLessThan(changes.changes().get(4).revision());
        }
    }

    @Test
    void expiredRelationshipsGrantNothingAndMatchNoFilter() {
        try (AuthzEngine engine = engine(store())) {
            engine.write(List.of(RelationshipUpdate.touch(Relationship.parse("document:d#reader@user:old")
                    .withExpiration(Instant.now().minusSeconds(5)))));

            assertThat(engine.check(CheckRequest.parse("document:d#read@user:old")).hasPermission()).isFalse();
            assertThat(engine.readRelationships(RelationshipFilter.ofType("document"), Consistency.fullyConsistent())).isEmpty();
            engine.write(List.of(RelationshipUpdate.create("document:d#reader@user:old")));
            assertThat(engine.check(CheckRequest.parse("document:d#read@user:old")).hasPermission()).isTrue();
        }
    }

    @Test
    void anotherProcessSeesWritesAtOnceWithATokenAndSoonWithout() throws InterruptedException {
        try (AuthzEngine writer = engine(store()); AuthzEngine reader = engine(sameDataStore())) {
            RevisionToken token = writer.write(List.of(RelationshipUpdate.touch("document:d#reader@user:alice")));

            CheckRequest request = CheckRequest.parse("document:d#read@user:alice");
            assertThat(reader.check(request.withConsistency(Consistency.atLeastAsFresh(token))).hasPermission()).isTrue();

            writer.write(List.of(RelationshipUpdate.touch("document:d#reader@user:bob")));
            CheckRequest bob = CheckRequest.parse("document:d#read@user:bob");
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (!reader.check(bob).hasPermission() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(reader.check(bob).hasPermission()).isTrue();

            writer.write(List.of(RelationshipUpdate.delete("document:d#reader@user:bob")));
            assertThat(reader.check(bob.withConsistency(Consistency.fullyConsistent())).hasPermission()).isFalse();
        }
    }

    @Test
    void refusesTokensOfAnotherStore() {
        try (AuthzEngine engine = engine(store())) {
            RevisionToken foreign = RevisionToken.of("another-store", 1);

            assertThatThrownBy(() -> engine.check(CheckRequest.parse("document:d#read@user:alice")
                    .withConsistency(Consistency.atLeastAsFresh(foreign))))
                    .isInstanceOf(AuthzException.class)
                    .satisfies(e -> assertThat(((AuthzException) e).code()).isEqualTo(AuthzErrorCode.REVISION_UNKNOWN));
        }
    }
}
