package org.haven.bench.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time, which the machine's other work disturbs far less than wall time: of this JVM (DuckDB's native threads
 * included), and of another process such as a PostgreSQL backend (Linux {@code /proc}, user plus system).
 */
public final class CpuTime {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    public static long thisProcessNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User plus system CPU of a process from {@code /proc/<pid>/stat}; -1 when it cannot be read. */
    public static long processNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
