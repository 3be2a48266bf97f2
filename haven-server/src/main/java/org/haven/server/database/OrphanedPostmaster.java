package org.haven.server.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery for a cluster whose Haven process died without stopping it. PostgreSQL runs as a daemon, so after
 * a SIGKILL of Haven two things can be left in the cluster directory: a postmaster that is still running (with
 * no one to talk to), or a {@code postmaster.pid} naming a process that is gone. The data directory lock of the
 * server guarantees that no other Haven uses this cluster, so a running postmaster here is an orphan: it is asked
 * to shut down (SIGTERM, a smart shutdown that finishes cleanly once its dead clients are gone), and a pid file
 * that names no PostgreSQL process is removed.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    private OrphanedPostmaster() {}

    static void recover(Path clusterDirectory) throws IOException {
        Path pidFile = clusterDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = readPid(pidFile);
        Optional<ProcessHandle> postmaster = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(OrphanedPostmaster::isPostgres);
        if (postmaster.isPresent()) {
            stop(postmaster.get(), clusterDirectory);
        } else {
            log.warn("Removing stale {} (pid {} is not a running PostgreSQL)", pidFile, pid.map(String::valueOf).orElse("unreadable"));
            Files.deleteIfExists(pidFile);
        }
    }

    private static void stop(ProcessHandle postmaster, Path clusterDirectory) {
        log.warn("Stopping PostgreSQL pid {} left running on {} by a Haven process that did not shut down", postmaster.pid(), clusterDirectory);
        postmaster.destroy();
        try {
            postmaster.onExit().get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception notStoppedInTime) {
            // A fast crash-stop is safe: PostgreSQL replays its write-ahead log at the next start.
            postmaster.destroyForcibly();
            try {
                postmaster.onExit().get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL pid " + postmaster.pid() + " on " + clusterDirectory + " does not stop", e);
            }
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> Path.of(command).getFileName().toString().startsWith("postgres")).orElse(false);
    }
}
