package org.haven.cli.pipeline;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.haven.cli.CliFailure;
import org.haven.cli.ExitCodes;
import org.haven.cli.HavenApi;
import org.haven.cli.HttpJson;
import tools.jackson.databind.JsonNode;

/**
 * Watches one run until it ends: by following its event stream (each event handed over as it happens), or by
 * asking for its status now and then. A run has ended when its status says so, not when an event says it failed:
 * a failed run that is retried runs again under the same id.
 */
public final class RunWatch {

    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    private static final Duration PAUSE = Duration.ofSeconds(1);
    static final int MAX_BROKEN_STREAMS = 5;

    private final HavenApi api;
    private final String tenant;
    private final String run;
    /** Between two looks at the run's status, and the unit of the growing pause before opening a broken stream again. */
    private final Duration pause;

    public RunWatch(HavenApi api, String tenant, String run) {
        this(api, tenant, run, PAUSE);
    }

    RunWatch(HavenApi api, String tenant, String run, Duration pause) {
        this.api = api;
        this.tenant = tenant;
        this.run = run;
        this.pause = pause;
    }

    /** The run with its steps, as {@code GET .../runs/{id}} answers. */
    JsonNode details() {
        return api.get(RunsCommand.run(tenant, run));
    }

    static boolean finished(JsonNode details) {
        return FINISHED.contains(details.path("run").path("status").asString(""));
    }

    /** 0 when the run succeeded, 1 when it failed or was cancelled. */
    public static int exitCode(JsonNode details) {
        return details.path("run").path("status").asString("").equals("SUCCEEDED") ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /**
     * Hands every event after sequence {@code after} to {@code each}, live, until the run has ended; returns its
     * details then. The server ends the stream when the run ends (or after a long time): a stream that ends while
     * the run still goes on, or that breaks off (a server restarting, a proxy closing it), is opened again after the
     * last event seen, so nothing is missed or shown twice. After {@value #MAX_BROKEN_STREAMS} broken streams in a
     * row without an event between them, it fails.
     */
    JsonNode follow(long after, Consumer<JsonNode> each) {
        details(); // a run that does not exist, or a server that does not answer, fails here at once
        long[] last = {after};
        int[] broken = {0};
        Consumer<JsonNode> seen = event -> {
            broken[0] = 0;
            last[0] = Math.max(last[0], event.path("sequence").asLong());
            each.accept(event);
        };
        while (true) {
            try {
                api.events(RunsCommand.run(tenant, run) + "/events?after=" + last[0],
                        event -> seen.accept(HttpJson.readJson(event.data())));
            } catch (CliFailure streamFailed) {
                if (streamFailed.exitCode() != ExitCodes.UNREACHABLE) {
                    throw streamFailed;
                }
                if (++broken[0] >= MAX_BROKEN_STREAMS) {
                    // The drop may come while the stream opens or while it is read; either way the stream broke off.
                    throw new CliFailure("the event stream of run " + run + " broke off " + MAX_BROKEN_STREAMS
                            + " times in a row without an event (" + streamFailed.getMessage() + ")",
                            ExitCodes.UNREACHABLE);
                }
                pause(pause.multipliedBy(broken[0]));
                continue;
            }
            JsonNode details = details();
            if (finished(details)) {
                // The stream sends the last event before it ends; this only catches a stream cut short at that moment.
                for (JsonNode page = eventsAfter(last[0]); !page.isEmpty(); page = eventsAfter(last[0])) {
                    page.forEach(seen);
                }
                return details;
            }
            pause(pause);
        }
    }

    /** Waits until the run has ended, at most {@code timeout}; returns its details then. */
    public JsonNode await(Duration timeout) {
        return await(timeout, line -> { });
    }

    /**
     * Waits until the run has ended, at most {@code timeout}, handing each line its steps log to {@code progress}
     * (formatted as {@code haven runs logs} prints it) as it appears; returns the run's details then.
     */
    public JsonNode await(Duration timeout, Consumer<String> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long shown = 0;
        while (true) {
            JsonNode details = details();
            shown = showLogs(shown, progress);
            if (finished(details)) {
                showLogs(shown, progress);
                return details;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new CliFailure("run " + run + " is still " + details.path("run").path("status").asString()
                        + " after " + describe(timeout));
            }
            pause(pause);
        }
    }

    /** Hands over the log lines after sequence {@code after}, a page at a time; returns the last sequence shown. */
    private long showLogs(long after, Consumer<String> progress) {
        long last = after;
        for (JsonNode page = logsAfter(last); !page.isEmpty(); page = logsAfter(last)) {
            for (JsonNode line : page) {
                progress.accept(RunEventLine.format(line));
                last = Math.max(last, line.path("sequence").asLong());
            }
        }
        return last;
    }

    private JsonNode logsAfter(long sequence) {
        return api.get(RunsCommand.run(tenant, run) + "/logs"
                + HavenApi.queryString(Map.of("after", Long.toString(sequence))));
    }

    private JsonNode eventsAfter(long sequence) {
        return api.get(RunsCommand.run(tenant, run) + "/events"
                + HavenApi.queryString(Map.of("after", Long.toString(sequence))));
    }

    private static String describe(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }
}
