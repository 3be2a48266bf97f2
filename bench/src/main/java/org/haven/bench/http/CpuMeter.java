package org.haven.bench.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * CPU time consumed by the server JVM, by its PostgreSQL (the postmaster found by its data directory, and its
 * backends) and by this load generator. All three share the machine's cores, so CPU per request says where a
 * request's cost goes better than latency does.
 */
public final class CpuMeter {

    /** CPU time so far of the server JVM, its PostgreSQL and this JVM. */
    public record Sample(long serverNanos, long postgresNanos, long loadNanos) {
        public Sample minus(Sample earlier) {
            return new Sample(serverNanos - earlier.serverNanos, postgresNanos - earlier.postgresNanos,
                    loadNanos - earlier.loadNanos);
        }
    }

    private final long serverPid;
    private final String dataDir;

    public CpuMeter(long serverPid, Path dataDir) {
        this.serverPid = serverPid;
        this.dataDir = dataDir.toString();
    }

    public Sample sample() {
        long server = ProcessHandle.of(serverPid).map(CpuMeter::cpuNanos).orElse(0L);
        long postgres = postgresProcesses().stream().mapToLong(CpuMeter::cpuNanos).sum();
        return new Sample(server, postgres, cpuNanos(ProcessHandle.current()));
    }

    /**
     * Backends are counted only while alive; the server's connection pool keeps them for the whole run, so the
     * delta over a phase is complete enough.
     */
    private Set<ProcessHandle> postgresProcesses() {
        Set<ProcessHandle> found = new HashSet<>();
        ProcessHandle.allProcesses()
                .filter(process -> process.pid() != serverPid)
                .filter(process -> process.info().commandLine().orElse("").contains(dataDir))
                .filter(process -> process.info().command().orElse("").endsWith("postgres"))
                .forEach(postmaster -> {
                    found.add(postmaster);
                    postmaster.descendants().forEach(found::add);
                });
        return found;
    }

    public boolean seesPostgres() {
        return !postgresProcesses().isEmpty();
    }

    private static long cpuNanos(ProcessHandle process) {
        Optional<Duration> cpu = process.info().totalCpuDuration();
        return cpu.map(Duration::toNanos).orElse(0L);
    }
}
