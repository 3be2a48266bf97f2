package org.haven.authz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.haven.authz.schema.SchemaParser;

/** Random and mutated input must only ever produce the documented exceptions, with positions. */
class ParserFuzzTest {

    private static final String VALID_SCHEMA = """
            use expiration
            definition org/user {}
            caveat c(n int, names list<string>) { n > 1 && "a" in names }
            definition doc {
              relation owner: org/user | org/user:* | doc#owner | org/user with c and expiration
              relation parent: doc
              permission view = (owner + parent->view) & owner - nil
            }
            """;

    @Property(tries = 400)
    void schemaParserOnlyRaisesSchemaExceptions(@ForAll("schemaTexts") String text) {
        try {
            SchemaParser.parse(text);
        } catch (SchemaException e) {
            if (e.line() < 1 || e.column() < 1) {
                throw new AssertionError("schema error without a position: " + e.getMessage());
            }
        }
    }

    @Property(tries = 400)
    void relationshipParserOnlyRaisesParseExceptions(@ForAll("relationshipTexts") String text) {
        try {
            Relationship parsed = Relationship.parse(text);
            Relationship again = Relationship.parse(parsed.toString());
            if (!again.equals(parsed)) {
                throw new AssertionError("round trip changed " + text + " into " + again);
            }
        } catch (RelationshipParseException expected) {
            // documented
        }
    }

    @Provide
    Arbitrary<String> schemaTexts() {
        Arbitrary<String> tokens = Arbitraries.of("definition", "relation", "permission", "caveat", "use", "expiration", "with", "and",
                        "nil", "user", "doc", "owner", "view", "org/user", "{", "}", "(", ")", ":", "|", "#", "*", "=", "+", "&", "-",
                        "->", ",", "<", ">", "int", "list", "//x\n", "/*", "*/", "\n", " ", "\"", "é", "\u0000", ".")
                .list().ofMaxSize(40).map(list -> String.join(" ", list));
        Arbitrary<String> mutated = Arbitraries.integers().between(0, VALID_SCHEMA.length() - 1).list().ofMinSize(1).ofMaxSize(4)
                .map(cuts -> {
                    StringBuilder text = new StringBuilder(VALID_SCHEMA);
                    for (int cut : cuts) {
                        int at = Math.min(cut, text.length() - 1);
                        text.deleteCharAt(at);
                    }
                    return text.toString();
                });
        return Arbitraries.oneOf(tokens, mutated, Arbitraries.strings().ofMaxLength(60));
    }

    @Provide
    Arbitrary<String> relationshipTexts() {
        Arbitrary<String> pieces = Arbitraries.of("document", "doc1", ":", "#", "@", "reader", "user", "alice", "*", "...", "[", "]",
                        "caveat", "{", "}", "\"k\"", "\"v\"", "expiration", "2030-01-01T00:00:00Z", "/", "|", "=", " ", "é", ",", "[1,")
                .list().ofMaxSize(20).map(list -> String.join("", list));
        Arbitrary<String> mutated = Arbitraries.integers().between(0, 60).list().ofMinSize(1).ofMaxSize(3).map(cuts -> {
            StringBuilder text = new StringBuilder("document:doc1#reader@group:eng#member[cav:{\"k\":[1,\"]\"]}][expiration:2030-01-01T00:00:00Z]");
            for (int cut : cuts) {
                text.deleteCharAt(Math.min(cut, text.length() - 1));
            }
            return text.toString();
        });
        return Arbitraries.oneOf(pieces, mutated, Arbitraries.strings().ofMaxLength(60));
    }
}
