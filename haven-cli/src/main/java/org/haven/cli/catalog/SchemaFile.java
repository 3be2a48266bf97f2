package org.haven.cli.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.haven.cli.CliFailure;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A schema file given with {@code --schema}: a schema document ({@code {"fields": [...]}}), or a document that
 * carries one in {@code schema}, as {@code haven schema infer FILE -o json} and {@code haven datasets schema show
 * -o json} print. The server checks the schema itself and lists every error it finds.
 */
final class SchemaFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SchemaFile() {}

    static JsonNode read(Path file) {
        JsonNode document;
        try {
            document = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new CliFailure("no such file: " + file);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage());
        } catch (JacksonException e) {
            throw new CliFailure(file + " is not valid JSON" + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (document.isObject() && !document.has("fields") && document.path("schema").isObject()) {
            return document.path("schema");
        }
        return document;
    }
}
