package org.haven.authz.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.haven.authz.Names;
import org.haven.authz.SchemaException;
import org.haven.authz.schema.PermissionExpression.Arrow;
import org.haven.authz.schema.PermissionExpression.ComputedRef;
import org.haven.authz.schema.PermissionExpression.Exclusion;
import org.haven.authz.schema.PermissionExpression.Intersection;
import org.haven.authz.schema.PermissionExpression.Nil;
import org.haven.authz.schema.PermissionExpression.Union;
import org.haven.authz.schema.SchemaLexer.Kind;
import org.haven.authz.schema.SchemaLexer.Token;

/**
 * Reads SpiceDB's schema language into a {@link CompiledSchema}. Operator precedence follows SpiceDB: arrow binds
 * tightest, then exclusion, then intersection, then union; all are left-associative. Every error is a
 * {@link SchemaException} naming line and column.
 */
public final class SchemaParser {

    private final SchemaLexer lexer;
    private final Map<String, Definition> definitions = new LinkedHashMap<>();
    private final Map<String, CaveatDefinition> caveats = new LinkedHashMap<>();
    private boolean expirationEnabled;

    private SchemaParser(String source) {
        this.lexer = new SchemaLexer(source);
    }

    /** Parses and checks a schema. */
    public static CompiledSchema parse(String source) {
        if (source == null) {
            throw new SchemaException(1, 1, "schema is missing");
        }
        SchemaParser parser = new SchemaParser(source);
        parser.parseSchema();
        CompiledSchema schema = new CompiledSchema(parser.definitions, parser.caveats, parser.expirationEnabled, source);
        SchemaChecker.check(schema);
        return schema;
    }

    private void parseSchema() {
        while (lexer.peek().kind() != Kind.END) {
            Token keyword = lexer.next();
            switch (keyword.text()) {
                case "definition" -> parseDefinition();
                case "caveat" -> parseCaveat();
                case "use" -> parseUse(keyword);
                default -> throw error(keyword, "expected 'definition', 'caveat' or 'use' but found " + keyword.describe());
            }
        }
    }

    private void parseUse(Token keyword) {
        Token feature = expectIdentifier("a feature name after 'use'");
        if (!feature.text().equals("expiration")) {
            throw error(feature, "unknown feature '" + feature.text() + "' (only 'use expiration' is supported)");
        }
        if (!definitions.isEmpty() || !caveats.isEmpty()) {
            throw error(keyword, "'use' directives must come before definitions and caveats");
        }
        expirationEnabled = true;
    }

    private void parseDefinition() {
        Token name = expectIdentifier("a definition name");
        if (!Names.isValidTypeName(name.text())) {
            throw error(name, "invalid definition name '" + name.text() + "'");
        }
        if (definitions.containsKey(name.text()) || caveats.containsKey(name.text())) {
            throw error(name, "duplicate definition '" + name.text() + "'");
        }
        expectSymbol("{");
        Map<String, Relation> relations = new LinkedHashMap<>();
        Map<String, Permission> permissions = new LinkedHashMap<>();
        while (!lexer.peek().is("}")) {
            Token keyword = lexer.next();
            if (keyword.is("relation")) {
                Relation relation = parseRelation();
                checkUnique(name.text(), relation.name(), relation.position(), relations, permissions);
                relations.put(relation.name(), relation);
            } else if (keyword.is("permission")) {
                Permission permission = parsePermission();
                checkUnique(name.text(), permission.name(), permission.position(), relations, permissions);
                permissions.put(permission.name(), permission);
            } else {
                throw error(keyword, "expected 'relation', 'permission' or '}' but found " + keyword.describe());
            }
        }
        lexer.next();
        definitions.put(name.text(), new Definition(name.text(), relations, permissions, name.position()));
    }

    private static void checkUnique(String definition, String name, SourcePosition at, Map<String, Relation> relations,
                                    Map<String, Permission> permissions) {
        if (relations.containsKey(name) || permissions.containsKey(name)) {
            throw new SchemaException(at.line(), at.column(), "duplicate relation or permission '" + name + "' in definition '" + definition + "'");
        }
    }

    private Relation parseRelation() {
        Token name = expectRelationName();
        expectSymbol(":");
        List<AllowedSubject> allowed = new ArrayList<>();
        do {
            allowed.add(parseAllowedSubject());
        } while (acceptSymbol("|"));
        return new Relation(name.text(), allowed, name.position());
    }

    private AllowedSubject parseAllowedSubject() {
        Token type = expectIdentifier("a subject type");
        if (!Names.isValidTypeName(type.text())) {
            throw error(type, "invalid type name '" + type.text() + "'");
        }
        String relation = null;
        boolean wildcard = false;
        if (acceptSymbol(":")) {
            expectSymbol("*");
            wildcard = true;
        } else if (acceptSymbol("#")) {
            relation = expectRelationName().text();
        }
        String caveat = null;
        boolean expiration = false;
        if (lexer.peek().is("with")) {
            lexer.next();
            Token trait = expectIdentifier("a caveat name or 'expiration' after 'with'");
            if (trait.is("expiration")) {
                expiration = true;
            } else {
                caveat = trait.text();
                if (lexer.peek().is("and")) {
                    lexer.next();
                    Token second = expectIdentifier("'expiration' after 'and'");
                    if (!second.is("expiration")) {
                        throw error(second, "expected 'expiration' after 'and' but found " + second.describe());
                    }
                    expiration = true;
                }
            }
            if (expiration && !expirationEnabled) {
                throw error(trait, "'with expiration' needs 'use expiration' at the top of the schema");
            }
        }
        return new AllowedSubject(type.text(), relation, wildcard, caveat, expiration, type.position());
    }

    private Permission parsePermission() {
        Token name = expectRelationName();
        expectSymbol("=");
        return new Permission(name.text(), parseUnion(), name.position());
    }

    private PermissionExpression parseUnion() {
        List<PermissionExpression> operands = new ArrayList<>(List.of(parseIntersection()));
        while (acceptSymbol("+")) {
            operands.add(parseIntersection());
        }
        return operands.size() == 1 ? operands.get(0) : new Union(operands);
    }

    private PermissionExpression parseIntersection() {
        List<PermissionExpression> operands = new ArrayList<>(List.of(parseExclusion()));
        while (acceptSymbol("&")) {
            operands.add(parseExclusion());
        }
        return operands.size() == 1 ? operands.get(0) : new Intersection(operands);
    }

    private PermissionExpression parseExclusion() {
        PermissionExpression result = parseArrow();
        while (acceptSymbol("-")) {
            result = new Exclusion(result, parseArrow());
        }
        return result;
    }

    private PermissionExpression parseArrow() {
        Token token = lexer.peek();
        if (acceptSymbol("(")) {
            PermissionExpression inner = parseUnion();
            expectSymbol(")");
            if (lexer.peek().is("->")) {
                throw error(lexer.peek(), "an arrow must start from a relation name, not a parenthesised expression");
            }
            return inner;
        }
        if (token.is("nil")) {
            lexer.next();
            return new Nil();
        }
        Token name = expectRelationName();
        if (acceptSymbol("->")) {
            Token computed = expectRelationName();
            if (lexer.peek().is("->")) {
                throw error(lexer.peek(), "arrows cannot be chained; define an intermediate permission instead");
            }
            return new Arrow(name.text(), computed.text(), name.position());
        }
        if (lexer.peek().is(".")) {
            throw error(lexer.peek(), "arrow functions such as .any() and .all() are not supported");
        }
        return new ComputedRef(name.text(), name.position());
    }

    private void parseCaveat() {
        Token name = expectIdentifier("a caveat name");
        if (!Names.isValidTypeName(name.text())) {
            throw error(name, "invalid caveat name '" + name.text() + "'");
        }
        if (caveats.containsKey(name.text()) || definitions.containsKey(name.text())) {
            throw error(name, "duplicate caveat '" + name.text() + "'");
        }
        expectSymbol("(");
        Map<String, CaveatParameterType> parameters = new LinkedHashMap<>();
        do {
            Token parameter = expectIdentifier("a caveat parameter name");
            if (parameters.containsKey(parameter.text())) {
                throw error(parameter, "duplicate caveat parameter '" + parameter.text() + "'");
            }
            SourcePosition typeAt = lexer.peek().position();
            String typeText = parseTypeText();
            CaveatParameterType type = CaveatParameterType.parse(typeText);
            if (type == null) {
                throw new SchemaException(typeAt.line(), typeAt.column(), "unknown caveat parameter type '" + typeText + "' for parameter '"
                        + parameter.text() + "' (supported: int, uint, double, bool, string, timestamp, duration, any, list<T>, map<T>)");
            }
            parameters.put(parameter.text(), type);
        } while (acceptSymbol(","));
        expectSymbol(")");
        Token open = expectSymbol("{");
        SourcePosition bodyAt = lexer.position();
        String body = lexer.rawBlock(open.position());
        if (body.isBlank()) {
            throw error(open, "caveat '" + name.text() + "' has an empty expression");
        }
        caveats.put(name.text(), CaveatDefinition.compile(name.text(), parameters, body.strip(), name.position(), firstNonBlank(bodyAt, body)));
    }

    /** Where the CEL expression really starts, so its errors point at it rather than at the opening brace. */
    private static SourcePosition firstNonBlank(SourcePosition start, String body) {
        int line = start.line();
        int column = start.column();
        for (int i = 0; i < body.length() && Character.isWhitespace(body.charAt(i)); i++) {
            if (body.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourcePosition(line, column);
    }

    private String parseTypeText() {
        Token base = expectIdentifier("a parameter type");
        if (acceptSymbol("<")) {
            String inner = parseTypeText();
            expectSymbol(">");
            return base.text() + "<" + inner + ">";
        }
        return base.text();
    }

    private Token expectRelationName() {
        Token name = expectIdentifier("a relation or permission name");
        if (!Names.isValidRelationName(name.text())) {
            throw error(name, "invalid relation or permission name '" + name.text() + "' (lower case, 3 to 64 characters)");
        }
        return name;
    }

    private Token expectIdentifier(String what) {
        Token token = lexer.next();
        if (token.kind() != Kind.IDENTIFIER) {
            throw error(token, "expected " + what + " but found " + token.describe());
        }
        return token;
    }

    private Token expectSymbol(String symbol) {
        Token token = lexer.next();
        if (token.kind() != Kind.SYMBOL || !token.text().equals(symbol)) {
            throw error(token, "expected '" + symbol + "' but found " + token.describe());
        }
        return token;
    }

    private boolean acceptSymbol(String symbol) {
        Token token = lexer.peek();
        if (token.kind() == Kind.SYMBOL && token.text().equals(symbol)) {
            lexer.next();
            return true;
        }
        return false;
    }

    private static SchemaException error(Token token, String problem) {
        return new SchemaException(token.position().line(), token.position().column(), problem);
    }
}
