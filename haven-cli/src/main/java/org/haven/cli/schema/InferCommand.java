package org.haven.cli.schema;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.haven.cli.CliFailure;
import org.haven.cli.ExitCodes;
import org.haven.cli.OutputFormat;
import org.haven.cli.Table;
import org.haven.formats.Format;
import org.haven.formats.FormatDetection;
import org.haven.formats.FormatException;
import org.haven.formats.FormatOptions;
import org.haven.formats.Record;
import org.haven.formats.RecordReader;
import org.haven.formats.RecordReaders;
import org.haven.schema.FieldGuess;
import org.haven.schema.InferredSchema;
import org.haven.schema.SchemaInference;
import org.haven.schema.SchemaJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code haven schema infer FILE}: proposes a schema from a sample of a file, with the reason for every guess, for a
 * person to review before registering it. Reads only the first rows; the file never leaves this machine. As text,
 * the schema JSON is printed on standard output and the table of guesses and reasons on standard error.
 */
@Command(name = "infer", description = "Propose a schema (data types and identifier types) from a sample of a CSV, JSON or NDJSON file.")
final class InferCommand implements Callable<Integer> {

    private static final int SNIFF_BYTES = 64;

    @Parameters(paramLabel = "FILE", description = "A .csv, .json, .ndjson or .jsonl file, optionally gzip-compressed.")
    Path file;

    @Option(names = "--rows", defaultValue = "1000", description = "How many records to sample (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--delimiter", description = "CSV field delimiter (default: comma).")
    Character delimiter;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
    OutputFormat output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (rows < 1) {
            throw new CliFailure("--rows must be at least 1", ExitCodes.USAGE);
        }
        InferredSchema inferred = infer(sample());
        PrintWriter out = spec.commandLine().getOut();
        JsonMapper json = JsonMapper.builder().build();
        if (output == OutputFormat.json) {
            ObjectNode result = json.createObjectNode();
            result.set("schema", SchemaJson.toJsonNode(inferred.schema()));
            result.set("guesses", json.valueToTree(inferred.guesses()));
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else {
            Table table = Table.of("column", "field", "data type", "identifier", "required", "why");
            for (FieldGuess guess : inferred.guesses()) {
                table.row(guess.column(), guess.fieldName(), guess.dataType().name(), guess.identifierType().name(),
                        guess.required() ? "yes" : "no", guess.reason());
            }
            // The reasons are for the person at the terminal; the schema alone goes to standard output, so that
            // 'haven schema infer FILE > schema.json' is a file 'haven datasets create --schema' accepts as it is.
            PrintWriter err = spec.commandLine().getErr();
            table.print(err);
            err.flush();
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(SchemaJson.toJsonNode(inferred.schema())));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Sample sample() {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(SNIFF_BYTES);
            byte[] first = in.readNBytes(SNIFF_BYTES);
            in.reset();
            Format format = FormatDetection.detect(file.getFileName().toString(), first)
                    .orElseThrow(() -> new CliFailure("cannot tell the format of " + file + "; name it .csv, .json, .ndjson or .jsonl"));
            FormatOptions.Builder options = FormatOptions.builder();
            if (delimiter != null) {
                options.delimiter(delimiter);
            }
            try (RecordReader reader = RecordReaders.open(in, format, options.build())) {
                List<List<String>> values = new ArrayList<>();
                for (Optional<Record> next = reader.next(); next.isPresent() && values.size() < rows; next = reader.next()) {
                    values.add(next.get().values());
                }
                return new Sample(reader.columns().names(), values);
            }
        } catch (NoSuchFileException e) {
            throw new CliFailure("no such file: " + file);
        } catch (FormatException e) {
            throw new CliFailure(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage());
        }
    }

    private InferredSchema infer(Sample sample) {
        if (sample.header().isEmpty()) {
            throw new CliFailure(file + " has no columns to infer a schema from");
        }
        return SchemaInference.infer(sample.header(), sample.rows());
    }

    private record Sample(List<String> header, List<List<String>> rows) {}
}
