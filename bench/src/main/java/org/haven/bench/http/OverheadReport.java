package org.haven.bench.http;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The table of figures and the goals, stack against the bare baseline measured in the same run. */
public final class OverheadReport {

    public static final double THROUGHPUT_GOAL = 0.60;
    public static final double P99_GOAL_MILLIS = 20.0;

    private static final String ROW = "%-42s %9s %8s %8s %8s %9s %7s   %s%n";

    private final PrintStream out;

    public OverheadReport(PrintStream out) {
        this.out = out;
    }

    public void header() {
        out.printf(Locale.ROOT, ROW, "endpoint", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors",
                "CPU us/req: server JVM / PostgreSQL / load gen");
    }

    public void row(String label, PhaseResult result) {
        Latencies latencies = result.latencies();
        double[] cpu = result.cpuMicrosPerRequest();
        out.printf(Locale.ROOT, ROW, label, String.format(Locale.ROOT, "%.0f", result.throughput()),
                millis(latencies.percentileMillis(50)), millis(latencies.percentileMillis(90)),
                millis(latencies.percentileMillis(99)), millis(latencies.maxMillis()), result.errors(),
                String.format(Locale.ROOT, "%.0f / %.0f / %.0f", cpu[0], cpu[1], cpu[2]));
    }

    public void table(List<PhaseResult> totals) {
        header();
        for (PhaseResult result : totals) {
            row(result.endpoint().name(), result);
        }
    }

    /** Goals for one stack variant against the baseline; returns whether both were met. */
    public boolean goals(PhaseResult stack, PhaseResult bare) {
        double ratio = stack.throughput() / bare.throughput();
        double p99 = stack.latencies().percentileMillis(99);
        out.printf(Locale.ROOT, "%s%n", stack.endpoint().name());
        out.printf(Locale.ROOT, "  throughput / bare throughput: %.2f (goal >= %.2f) %s%n", ratio, THROUGHPUT_GOAL,
                verdict(ratio >= THROUGHPUT_GOAL));
        out.printf(Locale.ROOT, "  p99: %.1f ms (goal < %.0f ms) %s%n", p99, P99_GOAL_MILLIS,
                verdict(p99 < P99_GOAL_MILLIS));
        out.printf(Locale.ROOT, "  added latency at p50: %.2f ms%n",
                stack.latencies().percentileMillis(50) - bare.latencies().percentileMillis(50));
        return ratio >= THROUGHPUT_GOAL && p99 < P99_GOAL_MILLIS;
    }

    /** The stack against an endpoint that does no database work at all: not a goal, a sense of scale. */
    public void reference(PhaseResult stack, PhaseResult reference) {
        out.printf(Locale.ROOT, "%s against %s: throughput ratio %.2f%n", stack.endpoint().name(),
                reference.endpoint().name(), stack.throughput() / reference.throughput());
    }

    public void errors(PhaseResult result) {
        if (result.errors() > 0) {
            out.printf(Locale.ROOT, "ERRORS on %s: %d; first ones:%n", result.endpoint().name(), result.errors());
            result.errorSamples().forEach(sample -> out.println("  " + sample));
        }
    }

    public static String verdict(boolean met) {
        return met ? "PASS" : "MISS";
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
