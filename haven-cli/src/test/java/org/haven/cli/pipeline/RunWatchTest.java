package org.haven.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.haven.cli.CliFailure;
import org.haven.cli.ExitCodes;
import org.haven.cli.HavenApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Following a run against a small HTTP server that plays the run's part: streams that end early or break off are
 * opened again after the last event seen, and the run's status, not its events, says when it has ended.
 */
class RunWatchTest {

    private static final String RUN = "0b3f2a4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    private static final String RUN_PATH = "/api/v1/tenants/t1/runs/" + RUN;

    private HttpServer server;
    private final List<String> streamsOpened = new CopyOnWriteArrayList<>();
    /** What each stream request does, in turn: the events it sends, and whether it breaks off after them. */
    private final List<Stream> streams = new ArrayList<>();
    private final AtomicInteger statusAsks = new AtomicInteger();
    /** The run's status on each ask; the last one repeats. */
    private List<String> statuses = List.of("RUNNING");

    record Stream(List<Integer> sequences, boolean breaksOff) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(RUN_PATH, this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (path.equals(RUN_PATH)) {
            int ask = statusAsks.getAndIncrement();
            String status = statuses.get(Math.min(ask, statuses.size() - 1));
            send(exchange, "{\"run\":{\"run_id\":\"" + RUN + "\",\"status\":\"" + status + "\"},\"steps\":[]}");
        } else if ("text/event-stream".equals(accept)) {
            streamsOpened.add(exchange.getRequestURI().getQuery());
            Stream stream = streams.get(Math.min(streamsOpened.size() - 1, streams.size() - 1));
            StringBuilder body = new StringBuilder();
            stream.sequences().forEach(sequence -> body.append("id:").append(sequence).append("\nevent:step.log\ndata:")
                    .append(event(sequence)).append("\n\n"));
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            // A stream that breaks off promises more than it sends, so the client sees the connection drop mid-body.
            exchange.sendResponseHeaders(200, stream.breaksOff() ? bytes.length + 100 : bytes.length);
            OutputStream out = exchange.getResponseBody();
            out.write(bytes);
            out.flush();
            try {
                exchange.close();
            } catch (RuntimeException shortBody) {
                // the promised bytes never came: the connection is dropped, which is the point
            }
        } else {
            send(exchange, "[]");
        }
    }

    private static String event(int sequence) {
        return "{\"sequence\":" + sequence + ",\"type\":\"STEP_LOG\",\"step_id\":\"s\",\"message\":\"line " + sequence + "\"}";
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private RunWatch watch() {
        return new RunWatch(new HavenApi(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "a-token"), "t1", RUN,
                Duration.ofMillis(20));
    }

    private static List<Long> sequences(List<JsonNode> events) {
        return events.stream().map(event -> event.path("sequence").asLong()).toList();
    }

    @Test
    void aStreamThatEndsWhileTheRunGoesOnIsOpenedAgainAfterTheLastEvent() {
        streams.add(new Stream(List.of(1, 2), false));
        streams.add(new Stream(List.of(3), false));
        statuses = List.of("RUNNING", "RUNNING", "SUCCEEDED");
        List<JsonNode> seen = new ArrayList<>();

        JsonNode details = watch().follow(0, seen::add);

        assertThat(sequences(seen)).containsExactly(1L, 2L, 3L);
        assertThat(streamsOpened).containsExactly("after=0", "after=2");
        assertThat(RunWatch.exitCode(details)).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aStreamThatBreaksOffIsOpenedAgainAndAFailedRunExitsWithOne() {
        streams.add(new Stream(List.of(1), true));
        streams.add(new Stream(List.of(2, 3), false));
        statuses = List.of("RUNNING", "FAILED");
        List<JsonNode> seen = new ArrayList<>();

        JsonNode details = watch().follow(0, seen::add);

        assertThat(sequences(seen)).containsExactly(1L, 2L, 3L);
        assertThat(streamsOpened).containsExactly("after=0", "after=1");
        assertThat(RunWatch.exitCode(details)).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void streamsThatKeepBreakingWithoutAnEventFailInTheEnd() {
        streams.add(new Stream(List.of(), true));

        assertThatThrownBy(() -> watch().follow(0, event -> {})).isInstanceOf(CliFailure.class)
                .hasMessageContaining("broke off")
                .satisfies(failure -> assertThat(((CliFailure) failure).exitCode()).isEqualTo(ExitCodes.UNREACHABLE));
        assertThat(streamsOpened).hasSize(RunWatch.MAX_BROKEN_STREAMS);
    }

    @Test
    void waitingGivesUpAfterItsTimeout() {
        assertThatThrownBy(() -> watch().await(Duration.ofMillis(300)))
                .hasMessage("run " + RUN + " is still RUNNING after 0.3s");

        statuses = List.of("RUNNING", "CANCELLED");
        statusAsks.set(0);
        assertThat(RunWatch.exitCode(watch().await(Duration.ofSeconds(10)))).isEqualTo(ExitCodes.FAILURE);
    }
}
