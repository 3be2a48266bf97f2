package org.haven.server.pipeline.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.haven.pipelines.StepContext;
import org.haven.server.config.HavenSettings;
import org.springframework.stereotype.Component;

/**
 * Local disk for one step attempt (DuckDB works on local files): {@code <data dir>/work/runs/<run>/<step>-<attempt>},
 * removed when the attempt ends. What must outlive the attempt goes to the run's workspace in the blob store, which
 * every server can reach. A directory left by a crash is removed at the next start.
 */
@Component
class StepScratch {

    private final Path root;

    StepScratch(HavenSettings settings) {
        this.root = settings.dataDir().resolve("work").resolve("runs").toAbsolutePath();
        deleteQuietly(root);
    }

    Path create(StepContext context) throws IOException {
        Path directory = root.resolve(context.runId().toString()).resolve(context.stepId() + "-" + context.attempt());
        deleteQuietly(directory);
        return Files.createDirectories(directory);
    }

    void delete(Path directory) {
        deleteQuietly(directory);
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left for the next start to remove; it is never read again.
        }
    }
}
