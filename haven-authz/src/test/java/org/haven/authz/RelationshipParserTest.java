package org.haven.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelationshipParserTest {

    @Test
    void readsEveryForm() {
        Relationship plain = Relationship.parse("document:doc1#reader@user:alice");
        Relationship set = Relationship.parse("document:doc1#reader@group:eng#member");
        Relationship wildcard = Relationship.parse("document:doc1#reader@user:*");
        Relationship full = Relationship.parse("org/document:a_b-c=d+e|f/g#reader@user:bob[on_weekdays:{\"day\":\"mon\",\"n\":[1,2]}][expiration:2030-01-01T00:00:00Z]");

        assertThat(plain.subject()).isEqualTo(SubjectRef.object("user", "alice"));
        assertThat(set.subject()).isEqualTo(SubjectRef.set("group", "eng", "member"));
        assertThat(wildcard.subject().isWildcard()).isTrue();
        assertThat(full.resource()).isEqualTo(ObjectRef.of("org/document", "a_b-c=d+e|f/g"));
        assertThat(full.caveat().name()).isEqualTo("on_weekdays");
        assertThat(full.caveat().context()).containsEntry("day", "mon").containsKey("n");
        assertThat(full.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(Relationship.parse(full.toString())).isEqualTo(full);
        assertThat(Relationship.parse("document:doc1#reader@user:alice#...").subject().relation()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "document:doc 1#reader@user:alice|10|invalid resource id",
            "Document:doc1#reader@user:alice|1|invalid resource type",
            "document:doc1#re@user:alice|15|invalid relation",
            "document:doc1#reader@user:al!ce|27|invalid subject id",
            "document:doc1#reader@user:*#member|29|wildcard subject cannot have a relation",
            "document:doc1#reader|21|expected '@'",
            "document:doc1#reader@user:alice[cav:{1:2}]|37|invalid caveat context",
            "document:doc1#reader@user:alice[expiration:tomorrow]|44|invalid expiration",
            "document:doc1#reader@user:alice]|27|invalid subject id",
    })
    void rejectsMalformedTextWithTheColumn(String text, int column, String problem) {
        assertThatThrownBy(() -> Relationship.parse(text))
                .isInstanceOf(RelationshipParseException.class)
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((RelationshipParseException) e).column()).as(e.getMessage()).isEqualTo(column));
    }

    @Test
    void idsFollowSpiceDbRules() {
        assertThat(Names.isValidObjectId("a".repeat(1024))).isTrue();
        assertThat(Names.isValidObjectId("a".repeat(1025))).isFalse();
        assertThat(Names.isValidObjectId("")).isFalse();
        assertThat(Names.isValidTypeName("ab")).isFalse();
        assertThat(Names.isValidTypeName("org/team/user")).isTrue();
        assertThat(Names.isValidTypeName("org/user")).isTrue();
    }
}
