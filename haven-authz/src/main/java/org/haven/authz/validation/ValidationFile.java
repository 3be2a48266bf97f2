package org.haven.authz.validation;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.haven.authz.AuthzErrorCode;
import org.haven.authz.AuthzException;
import org.haven.authz.CheckRequest;
import org.haven.authz.Consistency;
import org.haven.authz.JsonText;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipParseException;
import org.haven.authz.SchemaException;
import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.SchemaParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A SpiceDB validation file: {@code schema} (or {@code schemaFile}), {@code relationships}, {@code assertions} and
 * {@code validation}. Everything read keeps its file line. A file that cannot be read, or whose schema or
 * relationships are invalid, raises {@link AuthzException} with code VALIDATION_FILE_INVALID and the line.
 */
public record ValidationFile(Path path, CompiledSchema schema, List<Located<Relationship>> relationships,
                             List<Assertion> assertions, Map<Located<String>, List<ExpectedSubject>> expectedRelations) {

    public ValidationFile {
        relationships = List.copyOf(relationships);
        assertions = List.copyOf(assertions);
        expectedRelations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expectedRelations));
    }

    public static ValidationFile load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw invalid(path, 0, "cannot read the file: " + e.getMessage());
        }
        return parse(text, path);
    }

    public static ValidationFile parse(String text, Path path) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw invalid(path, line, "not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw invalid(path, 0, "not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode mapping)) {
            throw invalid(path, 1, "a validation file is a YAML mapping with 'schema', 'relationships', 'assertions' and 'validation'");
        }
        Map<String, Node> sections = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            sections.put(scalar(path, tuple.getKeyNode()), tuple.getValueNode());
        }
        CompiledSchema schema = readSchema(path, sections);
        List<Located<Relationship>> relationships = readRelationships(path, sections.get("relationships"));
        List<Assertion> assertions = readAssertions(path, sections.get("assertions"));
        Map<Located<String>, List<ExpectedSubject>> expected = readExpected(path, sections.get("validation"));
        return new ValidationFile(path, schema, relationships, assertions, expected);
    }

    private static CompiledSchema readSchema(Path path, Map<String, Node> sections) {
        Node node = sections.get("schema");
        String text;
        int firstLine;
        if (node != null) {
            text = scalar(path, node);
            firstLine = firstContentLine(node);
        } else if (sections.get("schemaFile") != null) {
            Node fileNode = sections.get("schemaFile");
            Path schemaPath = (path.getParent() == null ? Path.of(".") : path.getParent()).resolve(scalar(path, fileNode));
            try {
                text = Files.readString(schemaPath, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw invalid(path, line(fileNode), "cannot read schemaFile " + schemaPath);
            }
            firstLine = 1;
        } else {
            throw invalid(path, 1, "the file has no 'schema'");
        }
        try {
            return SchemaParser.parse(text);
        } catch (SchemaException e) {
            throw invalid(path, firstLine + e.line() - 1, "schema error at schema " + e.line() + ":" + e.column() + ": " + e.problem());
        }
    }

    private static List<Located<Relationship>> readRelationships(Path path, Node node) {
        List<Located<Relationship>> relationships = new ArrayList<>();
        if (node == null) {
            return relationships;
        }
        String[] lines = scalar(path, node).split("\n", -1);
        int firstLine = firstContentLine(node);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            try {
                relationships.add(new Located<>(Relationship.parse(line), firstLine + i));
            } catch (RelationshipParseException e) {
                throw invalid(path, firstLine + i, "invalid relationship '" + line + "': " + e.getMessage());
            }
        }
        return relationships;
    }

    private static List<Assertion> readAssertions(Path path, Node node) {
        List<Assertion> assertions = new ArrayList<>();
        if (node == null) {
            return assertions;
        }
        if (!(node instanceof MappingNode mapping)) {
            throw invalid(path, line(node), "'assertions' must be a mapping of assertTrue, assertFalse and assertCaveated");
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(path, tuple.getKeyNode());
            Assertion.Kind kind = null;
            for (Assertion.Kind candidate : Assertion.Kind.values()) {
                if (candidate.key().equals(key)) {
                    kind = candidate;
                }
            }
            if (kind == null) {
                throw invalid(path, line(tuple.getKeyNode()), "unknown assertion kind '" + key + "'");
            }
            for (Node item : sequence(path, tuple.getValueNode())) {
                assertions.add(assertion(path, kind, scalar(path, item), line(item)));
            }
        }
        return assertions;
    }

    private static Assertion assertion(Path path, Assertion.Kind kind, String text, int line) {
        String relationshipText = text.strip();
        Map<String, Object> context = Map.of();
        int with = relationshipText.indexOf(" with ");
        if (with >= 0) {
            try {
                context = JsonText.readObject(relationshipText.substring(with + " with ".length()).strip());
            } catch (IllegalArgumentException e) {
                throw invalid(path, line, "invalid caveat context in assertion '" + text + "': " + e.getMessage());
            }
            relationshipText = relationshipText.substring(0, with).strip();
        }
        try {
            Relationship relationship = Relationship.parse(relationshipText);
            CheckRequest request = new CheckRequest(relationship.resource(), relationship.relation(), relationship.subject(), context,
                    Consistency.fullyConsistent());
            return new Assertion(kind, request, text, line);
        } catch (RelationshipParseException e) {
            throw invalid(path, line, "invalid assertion '" + text + "': " + e.getMessage());
        }
    }

    private static Map<Located<String>, List<ExpectedSubject>> readExpected(Path path, Node node) {
        Map<Located<String>, List<ExpectedSubject>> expected = new LinkedHashMap<>();
        if (node == null) {
            return expected;
        }
        if (!(node instanceof MappingNode mapping)) {
            throw invalid(path, line(node), "'validation' must map 'type:id#relation' to the expected subjects");
        }
        for (NodeTuple tuple : mapping.getValue()) {
            Located<String> key = new Located<>(scalar(path, tuple.getKeyNode()).strip(), line(tuple.getKeyNode()));
            List<ExpectedSubject> subjects = new ArrayList<>();
            for (Node item : sequence(path, tuple.getValueNode())) {
                subjects.add(ExpectedSubjectSyntax.parse(scalar(path, item), line(item), message -> invalid(path, line(item), message)));
            }
            expected.put(key, subjects);
        }
        return expected;
    }

    private static List<Node> sequence(Path path, Node node) {
        if (node instanceof ScalarNode scalar && (scalar.getValue().isEmpty() || "null".equals(scalar.getValue()))) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw invalid(path, line(node), "expected a list");
        }
        return sequence.getValue();
    }

    private static String scalar(Path path, Node node) {
        if (!(node instanceof ScalarNode scalar)) {
            throw invalid(path, line(node), "expected a text value");
        }
        return scalar.getValue();
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** Block scalars ({@code |} and {@code |-}) start on the line after their indicator. */
    private static int firstContentLine(Node node) {
        if (node instanceof ScalarNode scalar && scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.LITERAL
                || node instanceof ScalarNode folded && folded.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.FOLDED) {
            return line(node) + 1;
        }
        return line(node);
    }

    static AuthzException invalid(Path path, int line, String message) {
        String where = path == null ? "" : path + ":";
        return new AuthzException(AuthzErrorCode.VALIDATION_FILE_INVALID, where + (line > 0 ? line + ": " : " ") + message);
    }
}
