package org.haven.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.PermissionExpression;
import org.haven.authz.schema.SchemaParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaParserTest {

    @Test
    void readsTheWholeLanguage() {
        CompiledSchema schema = SchemaParser.parse("""
                use expiration
                /** people */
                definition acme/user {}
                caveat only_small(amount int, tags list<string>, at timestamp) { amount < 10 && at > timestamp("2000-01-01T00:00:00Z") }
                definition acme/doc {
                  relation owner: acme/user | acme/user:* | acme/doc#owner | acme/user with only_small and expiration
                  relation parent: acme/doc
                  permission view = owner + parent->view - nil & owner
                }
                """);

        assertThat(schema.expirationEnabled()).isTrue();
        assertThat(schema.definition("acme/doc").relation("owner").allowedSubjects()).hasSize(4);
        assertThat(schema.caveat("only_small").parameters()).containsKeys("amount", "tags", "at");
        // precedence: arrow, then exclusion, then intersection, then union
        PermissionExpression view = schema.definition("acme/doc").permission("view").expression();
        assertThat(view).isInstanceOf(PermissionExpression.Union.class);
        PermissionExpression second = ((PermissionExpression.Union) view).operands().get(1);
        assertThat(second).isInstanceOf(PermissionExpression.Intersection.class);
        assertThat(((PermissionExpression.Intersection) second).operands().get(0)).isInstanceOf(PermissionExpression.Exclusion.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "definition user {}\\ndefinition doc {\\n  relation owner: usr\\n}|3|19|unknown type 'usr'",
            "definition user {}\\ndefinition doc {\\n  relation owner: user#nope\\n}|3|19|type mismatch",
            "definition user {}\\ndefinition user {}|2|12|duplicate definition 'user'",
            "definition user {}\\ndefinition doc {\\n  relation owner: user\\n  permission owner = owner\\n}|4|14|duplicate relation or permission",
            "definition user {}\\ndefinition doc {\\n  relation owner: user\\n  permission view = ownr\\n}|4|21|unknown relation or permission 'ownr'",
            "definition user {\\n  relation org: user\\n  permission perm = org\\n}\\ndefinition doc {\\n  relation owner: user\\n  permission view = owner\\n  permission upward = view->perm\\n}|8|23|arrows may only walk over relations",
            "definition user {}\\ndefinition doc {\\n  relation parent: doc:*\\n  permission vis = parent->vis\\n}|4|20|wildcards cannot be used",
            "caveat cav(n numbr) { n > 1 }|1|14|unknown caveat parameter type 'numbr'",
            "caveat cav(n int) {\\n  n + 1\\n}|2|3|caveat 'cav' expression is invalid",
            "definition user {}\\ndefinition doc {\\n  relation owner: user with expiration\\n}|3|29|needs 'use expiration'",
            "definition doc {\\n  relation owner: user @\\n}|2|24|unexpected character '@'",
            "definition doc {\\n  relation ab: doc\\n}|2|12|invalid relation or permission name 'ab'",
            "definition doc {\\n  relation owner: doc\\n  permission view = owner +\\n}|4|1|expected a relation or permission name",
    })
    void reportsProblemsWithTheirPosition(String schema, int line, int column, String problem) {
        assertThatThrownBy(() -> SchemaParser.parse(schema.replace("\\n", "\n")))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining(problem)
                .satisfies(e -> {
                    SchemaException error = (SchemaException) e;
                    assertThat(error.line()).as(error.getMessage()).isEqualTo(line);
                    assertThat(error.column()).as(error.getMessage()).isEqualTo(column);
                });
    }
}
