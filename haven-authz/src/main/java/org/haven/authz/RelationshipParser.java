package org.haven.authz;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reads SpiceDB's relationship text form; every error names the 1-based column where the problem starts. */
final class RelationshipParser {

    private final String text;
    private final int offset;
    private int position;

    private RelationshipParser(String raw) {
        String stripped = raw.strip();
        this.offset = stripped.isEmpty() ? 0 : raw.indexOf(stripped.charAt(0));
        this.text = stripped;
    }

    static Relationship parseRelationship(String raw) {
        if (raw == null) {
            throw new RelationshipParseException(0, "relationship is missing");
        }
        RelationshipParser parser = new RelationshipParser(raw);
        ObjectRef resource = parser.object("resource", '#');
        parser.expect('#');
        String relation = parser.relation("relation", "@");
        parser.expect('@');
        SubjectRef subject = parser.subject();
        CaveatReference caveat = null;
        Instant expiresAt = null;
        while (parser.position < parser.text.length()) {
            parser.expect('[');
            if (parser.text.startsWith("expiration:", parser.position)) {
                if (expiresAt != null) {
                    throw parser.error(parser.position, "expiration given twice");
                }
                parser.position += "expiration:".length();
                expiresAt = parser.timestamp();
            } else {
                if (caveat != null || expiresAt != null) {
                    throw parser.error(parser.position, "a caveat must come once, before the expiration");
                }
                caveat = parser.caveat();
            }
            parser.expect(']');
        }
        return new Relationship(resource, relation, subject, caveat, expiresAt);
    }

    static ObjectRef parseObject(String raw) {
        if (raw == null) {
            throw new RelationshipParseException(0, "object is missing");
        }
        RelationshipParser parser = new RelationshipParser(raw);
        ObjectRef object = parser.object("object", '\0');
        parser.expectEnd();
        return object;
    }

    static SubjectRef parseSubject(String raw) {
        if (raw == null) {
            throw new RelationshipParseException(0, "subject is missing");
        }
        RelationshipParser parser = new RelationshipParser(raw);
        SubjectRef subject = parser.subject();
        parser.expectEnd();
        return subject;
    }

    private SubjectRef subject() {
        int typeStart = position;
        String type = until(":");
        if (!Names.isValidTypeName(type)) {
            throw error(typeStart, "invalid subject type '" + type + "'");
        }
        expect(':');
        int idStart = position;
        String id = until("#[");
        if (!SubjectRef.WILDCARD.equals(id) && !Names.isValidObjectId(id)) {
            throw error(idStart, "invalid subject id '" + id + "'");
        }
        String relation = null;
        if (position < text.length() && text.charAt(position) == '#') {
            position++;
            int relationStart = position;
            relation = until("[");
            if (!"...".equals(relation) && !Names.isValidRelationName(relation)) {
                throw error(relationStart, "invalid subject relation '" + relation + "'");
            }
            if (SubjectRef.WILDCARD.equals(id)) {
                throw error(relationStart, "a wildcard subject cannot have a relation");
            }
        }
        return new SubjectRef(type, id, relation);
    }

    private ObjectRef object(String what, char terminator) {
        int typeStart = position;
        String type = until(":");
        if (!Names.isValidTypeName(type)) {
            throw error(typeStart, "invalid " + what + " type '" + type + "'");
        }
        expect(':');
        int idStart = position;
        String id = terminator == '\0' ? text.substring(position) : until(String.valueOf(terminator));
        if (terminator == '\0') {
            position = text.length();
        }
        if (!Names.isValidObjectId(id)) {
            throw error(idStart, "invalid " + what + " id '" + id + "'");
        }
        return new ObjectRef(type, id);
    }

    private String relation(String what, String terminators) {
        int start = position;
        String relation = until(terminators);
        if (!Names.isValidRelationName(relation)) {
            throw error(start, "invalid " + what + " '" + relation + "'");
        }
        return relation;
    }

    private CaveatReference caveat() {
        int nameStart = position;
        String name = until(":]");
        if (!Names.isValidTypeName(name)) {
            throw error(nameStart, "invalid caveat name '" + name + "'");
        }
        if (position < text.length() && text.charAt(position) == ':') {
            position++;
            int jsonStart = position;
            int end = endOfJsonObject(jsonStart);
            try {
                Map<String, Object> context = JsonText.readObject(text.substring(jsonStart, end));
                position = end;
                return new CaveatReference(name, context);
            } catch (IllegalArgumentException e) {
                throw error(jsonStart, "invalid caveat context: " + e.getMessage());
            }
        }
        return new CaveatReference(name, Map.of());
    }

    private int endOfJsonObject(int start) {
        if (start >= text.length() || text.charAt(start) != '{') {
            throw error(start, "caveat context must be a JSON object");
        }
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        throw error(start, "unterminated caveat context");
    }

    private Instant timestamp() {
        int start = position;
        String value = until("]");
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw error(start, "invalid expiration '" + value + "', expected an RFC 3339 time such as 2030-01-01T00:00:00Z");
        }
    }

    private String until(String terminators) {
        int start = position;
        while (position < text.length() && terminators.indexOf(text.charAt(position)) < 0) {
            position++;
        }
        return text.substring(start, position);
    }

    private void expect(char expected) {
        if (position >= text.length()) {
            throw error(position, "expected '" + expected + "' but the text ended");
        }
        if (text.charAt(position) != expected) {
            throw error(position, "expected '" + expected + "' but found '" + text.charAt(position) + "'");
        }
        position++;
    }

    private void expectEnd() {
        if (position < text.length()) {
            throw error(position, "unexpected '" + text.charAt(position) + "'");
        }
    }

    private RelationshipParseException error(int at, String problem) {
        return new RelationshipParseException(offset + at + 1, problem);
    }
}
