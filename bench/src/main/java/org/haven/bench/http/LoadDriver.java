package org.haven.bench.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Closed-loop load: each client sends a request, waits for the whole answer, and sends the next one. Each client has
 * its own {@link HttpClient}, hence its own kept-alive HTTP/1.1 connection, which it keeps across phases so that no
 * phase pays for connection set-up another did not. An endpoint with several URIs gets one at random per request.
 */
public final class LoadDriver {

    private final HttpClient[] clients;
    private final CpuMeter cpu;

    public LoadDriver(int clientCount, CpuMeter cpu) {
        this.clients = new HttpClient[clientCount];
        for (int i = 0; i < clientCount; i++) {
            clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }
        this.cpu = cpu;
    }

    public PhaseResult run(Endpoint endpoint, Duration duration) throws InterruptedException {
        HttpRequest[] requests = endpoint.uris().stream().map(uri -> {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
            if (endpoint.bearer() != null) {
                builder.header("Authorization", "Bearer " + endpoint.bearer());
            }
            return builder.build();
        }).toArray(HttpRequest[]::new);
        PhaseResult result = new PhaseResult(endpoint);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (HttpClient client : clients) {
            Thread thread = new Thread(() -> loop(client, requests, start, duration, result), "load-" + threads.size());
            threads.add(thread);
            thread.start();
        }
        CpuMeter.Sample before = cpu.sample();
        long started = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        // Until the last client's last answer: the phase runs slightly past its nominal length.
        long elapsed = System.nanoTime() - started;
        result.addPhase(elapsed, cpu.sample().minus(before));
        return result;
    }

    private static void loop(HttpClient client, HttpRequest[] requests, CountDownLatch start, Duration duration,
            PhaseResult result) {
        Latencies latencies = new Latencies();
        List<String> errorSamples = new ArrayList<>();
        long errors = 0;
        try {
            start.await();
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                // Picked before the clock starts: drawing an index is not part of the request.
                HttpRequest request = requests.length == 1 ? requests[0]
                        : requests[ThreadLocalRandom.current().nextInt(requests.length)];
                long sent = System.nanoTime();
                String error = null;
                try {
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        error = response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
                    }
                } catch (IOException e) {
                    error = e.toString();
                }
                latencies.record(System.nanoTime() - sent);
                if (error != null) {
                    errors++;
                    if (errorSamples.size() < 5) {
                        errorSamples.add(error);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        result.add(latencies, errors, errorSamples);
    }
}
