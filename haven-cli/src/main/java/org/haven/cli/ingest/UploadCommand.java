package org.haven.cli.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.haven.cli.ApiCommand;
import org.haven.cli.CliFailure;
import org.haven.cli.ExitCodes;
import org.haven.cli.HavenApi;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code haven upload FILE --source S}: one streamed request for a small file; for a large one a multipart upload
 * whose parts are sent one after another, so an interrupted upload resumes with {@code --resume UPLOAD_ID}, sending
 * only the parts the server does not already hold with the same SHA-256.
 */
@Command(name = "upload", description = "Upload a file into a data source (large files in resumable parts).")
public final class UploadCommand extends ApiCommand {

    static final long DEFAULT_THRESHOLD = 64L * 1024 * 1024;
    static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "csv", "text/csv", "json", "application/json", "ndjson", "application/x-ndjson", "jsonl", "application/x-ndjson",
            "parquet", "application/vnd.apache.parquet", "gz", "application/gzip", "txt", "text/plain");

    @Parameters(paramLabel = "FILE", description = "The file to upload.")
    Path file;

    @Option(names = "--source", paramLabel = "SOURCE_ID", required = true, description = "The data source to upload into.")
    String source;

    @Option(names = "--path", paramLabel = "PATH", description = "The file's path in the source (default: its name).")
    String path;

    @Option(names = "--content-type", paramLabel = "TYPE", description = "Media type (default: guessed from the extension).")
    String contentType;

    @Option(names = "--resume", paramLabel = "UPLOAD_ID", description = "Resume an interrupted multipart upload.")
    String resume;

    @Option(names = "--multipart-threshold", paramLabel = "BYTES", hidden = true, defaultValue = "" + DEFAULT_THRESHOLD)
    long threshold;

    @Option(names = "--part-size", paramLabel = "BYTES", hidden = true, defaultValue = "" + DEFAULT_PART_SIZE)
    long partSize;

    @Override
    protected int execute(HavenApi api) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CliFailure("cannot read " + file, ExitCodes.USAGE);
        }
        long size = size();
        String target = path != null ? path : file.getFileName().toString();
        String type = contentType != null ? contentType : guessContentType(file);
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), size, ProgressLine.terminal());
        JsonNode uploaded = resume == null && size <= threshold
                ? streamed(api, target, type, size, progress)
                : multipart(api, target, type, size, progress);
        progress.finish();
        return print(uploaded, out -> {
            out.println("uploaded " + uploaded.path("path").asString() + " (" + ProgressLine.size(uploaded.path("size").asLong()) + ")");
            Table.printFields(out, uploaded, "id", "id", "sha256", "sha256", "source", "source_id");
        });
    }

    private JsonNode streamed(HavenApi api, String target, String type, long size, ProgressLine progress) {
        String files = SourcesCommand.source(source) + "/files" + HavenApi.queryString(Map.of("path", target));
        return api.sendContent("POST", files, new FileSlice(file, 0, size).publisher(progress), type, () -> progress.rewind(size));
    }

    private JsonNode multipart(HavenApi api, String target, String type, long size, ProgressLine progress) {
        String uploadId = resume != null ? resume
                : api.post(SourcesCommand.source(source) + "/uploads", HavenApi.body("path", target, "size", size, "content_type", type))
                        .path("id").asString();
        String upload = "/api/v1/uploads/" + HavenApi.segment(uploadId);
        try {
            JsonNode held = api.get(upload);
            Map<Integer, JsonNode> parts = new HashMap<>();
            held.path("parts").forEach(part -> parts.put(part.path("number").asInt(), part));
            // Parts must line up with those already sent: a resumed upload keeps the part size it started with, which
            // part 1 shows (the server keeps a part whole or not at all).
            long first = parts.containsKey(1) ? parts.get(1).path("size").asLong() : 0;
            long slice = first > 0 && first < size ? first : partSize;
            int count = (int) Math.max(1, (size + slice - 1) / slice);
            for (int number = 1; number <= count; number++) {
                long offset = (number - 1) * slice;
                FileSlice part = new FileSlice(file, offset, Math.min(slice, size - offset));
                JsonNode existing = parts.get(number);
                if (existing != null && existing.path("size").asLong() == part.length()
                        && existing.path("sha256").asString().equals(part.sha256())) {
                    progress.advance(part.length());
                    continue;
                }
                api.sendContent("PUT", upload + "/parts/" + number, part.publisher(progress), "application/octet-stream",
                        () -> progress.rewind(part.length()));
            }
            return api.post(upload + "/complete", null);
        } catch (CliFailure e) {
            spec.commandLine().getErr().println("haven: upload " + uploadId + " interrupted; resume it with: haven upload "
                    + file + " --source " + source + " --resume " + uploadId);
            throw e;
        }
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage(), ExitCodes.USAGE);
        }
    }

    static String guessContentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "application/octet-stream" : CONTENT_TYPES.getOrDefault(name.substring(dot + 1), "application/octet-stream");
    }
}
