package org.haven.datasets.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.haven.datasets.DataFile;
import org.haven.datasets.DatasetException;
import org.haven.datasets.DatasetException.Problem;
import org.haven.datasets.DatasetManifest;
import org.haven.datasets.InputObject;
import org.haven.datasets.Lineage;
import org.haven.schema.Schema;
import org.haven.schema.SchemaException;
import org.haven.schema.SchemaJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The manifest's JSON document. Written canonically (keys sorted at every level, no white space) so that equal
 * manifests have equal bytes; read strictly (every property required, unknown and duplicate keys refused), because
 * a property a reader skips is one nobody checks.
 */
public final class ManifestJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> MANIFEST = Set.of("format_version", "dataset_id", "version", "schema_version",
            "schema", "schema_sha256", "row_count", "files", "content_sha256", "lineage", "created_at");
    private static final Set<String> FILE = Set.of("path", "bytes", "sha256", "rows");
    private static final Set<String> LINEAGE = Set.of("inputs", "pipeline_name", "pipeline_version", "run_id",
            "parameters", "haven_version");
    private static final Set<String> INPUT = Set.of("key", "sha256");

    private ManifestJson() {
    }

    public static String canonicalSchema(Schema schema) {
        return MAPPER.writeValueAsString(SchemaJson.toJsonNode(schema));
    }

    public static String write(DatasetManifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", manifest.formatVersion());
        root.put("dataset_id", manifest.datasetId());
        root.put("version", manifest.version());
        root.put("schema_version", manifest.schemaVersion());
        root.set("schema", SchemaJson.toJsonNode(manifest.schema()));
        root.put("schema_sha256", manifest.schemaSha256());
        root.put("row_count", manifest.rowCount());
        ArrayNode files = root.putArray("files");
        for (DataFile file : manifest.files()) {
            ObjectNode node = files.addObject();
            node.put("path", file.path());
            node.put("bytes", file.bytes());
            node.put("sha256", file.sha256());
            node.put("rows", file.rows());
        }
        root.put("content_sha256", manifest.contentSha256());
        Lineage lineage = manifest.lineage();
        ObjectNode lineageNode = root.putObject("lineage");
        ArrayNode inputs = lineageNode.putArray("inputs");
        for (InputObject input : lineage.inputs()) {
            inputs.addObject().put("key", input.key()).put("sha256", input.sha256());
        }
        lineageNode.put("pipeline_name", lineage.pipelineName());
        lineageNode.put("pipeline_version", lineage.pipelineVersion());
        lineageNode.put("run_id", lineage.runId());
        ObjectNode parameters = lineageNode.putObject("parameters");
        lineage.parameters().forEach(parameters::put);
        lineageNode.put("haven_version", lineage.havenVersion());
        root.put("created_at", manifest.createdAt().toString());
        return MAPPER.writeValueAsString(root);
    }

    public static DatasetManifest read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw invalid("$", "is not valid JSON");
        }
        requireObject(root, "$", MANIFEST);
        Schema schema;
        try {
            schema = SchemaJson.parse(root.get("schema"));
        } catch (SchemaException e) {
            throw invalid("$.schema", "is not a valid schema (" + e.getMessage() + ")");
        }
        JsonNode filesNode = root.get("files");
        if (!filesNode.isArray()) {
            throw invalid("$.files", "must be an array");
        }
        List<DataFile> files = new ArrayList<>();
        for (int i = 0; i < filesNode.size(); i++) {
            String path = "$.files[" + i + "]";
            JsonNode node = filesNode.get(i);
            requireObject(node, path, FILE);
            try {
                files.add(new DataFile(text(node, "path", path), number(node, "bytes", path),
                        text(node, "sha256", path), number(node, "rows", path)));
            } catch (IllegalArgumentException e) {
                throw invalid(path, e.getMessage());
            }
        }
        Lineage lineage = lineage(root.get("lineage"));
        Instant createdAt;
        try {
            createdAt = Instant.parse(text(root, "created_at", "$"));
        } catch (DateTimeParseException e) {
            throw invalid("$.created_at", "is not an ISO-8601 instant");
        }
        long formatVersion = number(root, "format_version", "$");
        return new DatasetManifest((int) Math.min(formatVersion, Integer.MAX_VALUE), text(root, "dataset_id", "$"),
                number(root, "version", "$"), number(root, "schema_version", "$"), schema,
                text(root, "schema_sha256", "$"), number(root, "row_count", "$"), files,
                text(root, "content_sha256", "$"), lineage, createdAt);
    }

    private static Lineage lineage(JsonNode node) {
        requireObject(node, "$.lineage", LINEAGE);
        JsonNode inputsNode = node.get("inputs");
        if (!inputsNode.isArray()) {
            throw invalid("$.lineage.inputs", "must be an array");
        }
        List<InputObject> inputs = new ArrayList<>();
        for (int i = 0; i < inputsNode.size(); i++) {
            String path = "$.lineage.inputs[" + i + "]";
            JsonNode input = inputsNode.get(i);
            requireObject(input, path, INPUT);
            try {
                inputs.add(new InputObject(text(input, "key", path), text(input, "sha256", path)));
            } catch (IllegalArgumentException e) {
                throw invalid(path, e.getMessage());
            }
        }
        JsonNode parametersNode = node.get("parameters");
        if (!parametersNode.isObject()) {
            throw invalid("$.lineage.parameters", "must be an object");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : parametersNode.propertyNames()) {
            parameters.put(name, text(parametersNode, name, "$.lineage.parameters"));
        }
        return new Lineage(inputs, text(node, "pipeline_name", "$.lineage"),
                text(node, "pipeline_version", "$.lineage"), text(node, "run_id", "$.lineage"), parameters,
                text(node, "haven_version", "$.lineage"));
    }

    private static void requireObject(JsonNode node, String path, Set<String> properties) {
        if (node == null || !node.isObject()) {
            throw invalid(path, "must be an object");
        }
        for (String property : node.propertyNames()) {
            if (!properties.contains(property)) {
                throw invalid(path + "." + property, "is not a manifest property");
            }
        }
        for (String property : properties) {
            if (!node.has(property)) {
                throw invalid(path + "." + property, "is missing");
            }
        }
    }

    private static String text(JsonNode node, String property, String path) {
        JsonNode value = node.get(property);
        if (value == null || !value.isString()) {
            throw invalid(path + "." + property, "must be a string");
        }
        return value.stringValue();
    }

    private static long number(JsonNode node, String property, String path) {
        JsonNode value = node.get(property);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(path + "." + property, "must be a whole number");
        }
        return value.longValue();
    }

    private static DatasetException invalid(String path, String message) {
        return new DatasetException(Problem.INVALID_MANIFEST, path + " " + message);
    }
}
