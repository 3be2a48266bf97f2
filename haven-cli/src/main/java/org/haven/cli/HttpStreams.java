package org.haven.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests whose bodies are files: uploads sent from a stream and downloads written to disk, never held in memory
 * and without the overall time limit of {@link HttpJson} (a large file takes as long as it takes).
 */
final class HttpStreams {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    HttpStreams(URI base) {
        this.base = base;
    }

    /**
     * Sends the body; a 429 (the caller's write budget, which a long multipart upload can use up) is retried after
     * the {@code Retry-After} the server names, a few times. {@code body} must be able to stream again.
     */
    HttpJson.Response send(String method, String path, String token, HttpRequest.BodyPublisher body, String contentType,
            Runnable beforeRetry) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).method(method, body)
                .header("Accept", "application/json").header("Content-Type", contentType)
                .header("Authorization", "Bearer " + token).build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
            long wait = response.headers().firstValueAsLong("Retry-After").orElse(-1);
            if (response.statusCode() != 429 || wait < 0 || wait > MAX_RETRY_WAIT_SECONDS || attempt == MAX_ATTEMPTS) {
                return new HttpJson.Response(response.statusCode(), HttpJson.parse(response.body()));
            }
            sleep(wait);
            beforeRetry.run();
        }
    }

    private static final int MAX_ATTEMPTS = 5;
    private static final long MAX_RETRY_WAIT_SECONDS = 120;

    private static void sleep(long seconds) {
        try {
            Thread.sleep(Math.max(1, seconds) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    /**
     * Writes the body of a successful GET to {@code target} through a temporary file beside it, so a failed
     * download never leaves a partial file under the target's name. Returns the status and, on failure, the problem.
     */
    HttpJson.Response download(String path, String token, Path target) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).GET().header("Authorization", "Bearer " + token).build();
        HttpResponse<java.io.InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                return new HttpJson.Response(response.statusCode(), HttpJson.parse(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            }
            Path directory = target.toAbsolutePath().getParent();
            Path partial = Files.createTempFile(directory, "." + target.getFileName(), ".part");
            try {
                Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return new HttpJson.Response(response.statusCode(), JSON.createObjectNode());
        } catch (IOException e) {
            throw new CliFailure("downloading to " + target + " failed: " + e.getMessage());
        }
    }

    /**
     * Reads a Server-Sent Events stream until the server ends it, handing each event over as it arrives. A refusal
     * comes back as its problem; a stream that ran is an empty success.
     */
    HttpJson.Response events(String path, String token, Consumer<ServerSentEvents.Event> each) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).GET().header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<java.io.InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                return new HttpJson.Response(response.statusCode(), HttpJson.parse(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            }
            ServerSentEvents.read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), each);
            return new HttpJson.Response(response.statusCode(), JSON.createObjectNode());
        } catch (IOException e) {
            throw new CliFailure("the event stream from Haven at " + base + " broke off: " + e.getMessage(),
                    ExitCodes.UNREACHABLE);
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new CliFailure("cannot reach Haven at " + base + " (is it running? start it with: haven start)", ExitCodes.UNREACHABLE);
        } catch (IOException e) {
            throw new CliFailure("the transfer to Haven at " + base + " failed: " + e.getMessage(), ExitCodes.UNREACHABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }
}
