package org.haven.testing.kms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An AWS KMS endpoint on 127.0.0.1 that speaks the protocol the AWS SDK does (AWS JSON 1.1: {@code POST /} with
 * {@code X-Amz-Target: TrentService.Encrypt} or {@code .Decrypt}, base64 blobs, errors as
 * {@code {"__type": ..., "message": ...}}), so the real SDK client runs against it. Keys are AES-256-GCM keys in
 * memory, one per key ARN, with aliases. Like KMS, a ciphertext names its key and binds the encryption context, so
 * decrypting under another context or naming another key fails.
 *
 * <p>Requests must carry a SigV4 {@code Authorization} header for {@link #ACCESS_KEY} (the signature itself is not
 * recomputed). A test can make every request fail with a status, or make Decrypt name another key than the one that
 * decrypted, as a KMS one should not trust would.
 */
public final class KmsTestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "AKIAHAVENKMSTEST";
    public static final String SECRET_KEY = "haven-kms-test-secret-key";
    public static final String REGION = "eu-west-2";
    public static final String ACCOUNT = "111122223333";

    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> REQUEST = new TypeReference<>() {};

    private final HttpServer server;
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile int failureStatus;
    private volatile String reportedDecryptKey;

    private KmsTestServer(HttpServer server) {
        this.server = server;
    }

    public static KmsTestServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            KmsTestServer kms = new KmsTestServer(http);
            http.createContext("/", kms::handle);
            http.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "kms-test-server");
                thread.setDaemon(true);
                return thread;
            }));
            http.start();
            return kms;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A new key; returns its ARN, {@code arn:aws:kms:eu-west-2:111122223333:key/<uuid>}. */
    public String createKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            String arn = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + UUID.randomUUID();
            keys.put(arn, generator.generateKey());
            return arn;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names a key by {@code alias/<name>}; returns the alias ARN. */
    public String createAlias(String name, String keyArn) {
        String arn = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":alias/" + name;
        aliases.put(arn, keyArn);
        return arn;
    }

    /** Answers every request with this status (500: {@code KMSInternalException}) until {@link #answerNormally()}. */
    public void failWith(int status) {
        failureStatus = status;
    }

    /** Makes Decrypt claim that {@code keyArn} decrypted, whatever did; null to tell the truth again. */
    public void reportDecryptingKey(String keyArn) {
        reportedDecryptKey = keyArn;
    }

    public void answerNormally() {
        failureStatus = 0;
        reportedDecryptKey = null;
    }

    /** How many requests of an operation ({@code Encrypt}, {@code Decrypt}) arrived, answered or not. */
    public int requests(String operation) {
        AtomicInteger count = requests.get(operation);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target != null && target.startsWith("TrentService.")
                    ? target.substring("TrentService.".length()) : String.valueOf(target);
            requests.computeIfAbsent(operation, name -> new AtomicInteger()).incrementAndGet();
            if (failureStatus != 0) {
                error(exchange, failureStatus, failureStatus >= 500 ? "KMSInternalException" : "ThrottlingException",
                        "the test server was told to fail");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())
                    || !CONTENT_TYPE.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                error(exchange, 400, "SerializationException", "expected POST / with " + CONTENT_TYPE);
                return;
            }
            if (!signed(exchange)) {
                error(exchange, 400, "UnrecognizedClientException",
                        "The security token included in the request is invalid.");
                return;
            }
            Map<String, Object> request;
            try (InputStream body = exchange.getRequestBody()) {
                request = JSON.readValue(body, REQUEST);
            } catch (JacksonException e) {
                error(exchange, 400, "SerializationException", "the request body is not JSON");
                return;
            }
            switch (operation) {
                case "Encrypt" -> encrypt(exchange, request);
                case "Decrypt" -> decrypt(exchange, request);
                default -> error(exchange, 400, "UnknownOperationException", "unknown operation " + operation);
            }
        }
    }

    private static boolean signed(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null
                && authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
                && authorization.contains("/" + REGION + "/kms/aws4_request")
                && authorization.contains("SignedHeaders=") && authorization.contains("Signature=")
                && exchange.getRequestHeaders().getFirst("X-Amz-Date") != null;
    }

    private void encrypt(HttpExchange exchange, Map<String, Object> request) throws IOException {
        String keyArn = resolve(request.get("KeyId"));
        if (keyArn == null) {
            error(exchange, 400, "NotFoundException", "Key '" + request.get("KeyId") + "' does not exist");
            return;
        }
        byte[] plaintext = Base64.getDecoder().decode((String) request.get("Plaintext"));
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, keys.get(keyArn), iv, context(keyArn, request), plaintext);
        byte[] name = keyArn.getBytes(StandardCharsets.UTF_8);
        ByteBuffer blob = ByteBuffer.allocate(2 + name.length + iv.length + sealed.length);
        blob.putShort((short) name.length).put(name).put(iv).put(sealed);
        respond(exchange, 200, Map.of("CiphertextBlob", Base64.getEncoder().encodeToString(blob.array()),
                "KeyId", keyArn, "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
    }

    private void decrypt(HttpExchange exchange, Map<String, Object> request) throws IOException {
        String keyArn;
        byte[] iv = new byte[12];
        byte[] sealed;
        try {
            ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode((String) request.get("CiphertextBlob")));
            byte[] name = new byte[blob.getShort()];
            blob.get(name).get(iv);
            sealed = new byte[blob.remaining()];
            blob.get(sealed);
            keyArn = new String(name, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            error(exchange, 400, "InvalidCiphertextException", null);
            return;
        }
        if (request.get("KeyId") != null) {
            String named = resolve(request.get("KeyId"));
            if (named == null) {
                error(exchange, 400, "NotFoundException", "Key '" + request.get("KeyId") + "' does not exist");
                return;
            }
            if (!named.equals(keyArn)) {
                error(exchange, 400, "IncorrectKeyException",
                        "The key ID in the request does not identify a KMS key that can perform this operation.");
                return;
            }
        }
        SecretKey key = keys.get(keyArn);
        byte[] plaintext = key == null ? null : gcm(Cipher.DECRYPT_MODE, key, iv, context(keyArn, request), sealed);
        if (plaintext == null) {
            error(exchange, 400, "InvalidCiphertextException", null);
            return;
        }
        String reported = reportedDecryptKey != null ? reportedDecryptKey : keyArn;
        respond(exchange, 200, Map.of("Plaintext", Base64.getEncoder().encodeToString(plaintext),
                "KeyId", reported, "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
    }

    private String resolve(Object keyId) {
        if (!(keyId instanceof String name)) {
            return null;
        }
        String arn = aliases.getOrDefault(name, name);
        return keys.containsKey(arn) ? arn : null;
    }

    /** The key and the encryption context, in a canonical order, are what the ciphertext is bound to. */
    private static byte[] context(String keyArn, Map<String, Object> request) {
        StringBuilder bound = new StringBuilder(keyArn);
        if (request.get("EncryptionContext") instanceof Map<?, ?> context) {
            new TreeMap<>(context).forEach((name, value) -> bound.append('\u0000').append(name).append('=')
                    .append(value));
        }
        return bound.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** AES-GCM; null when a decryption does not authenticate. */
    private static byte[] gcm(int mode, SecretKey key, byte[] iv, byte[] associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            if (mode == Cipher.DECRYPT_MODE) {
                return null;
            }
            throw new IllegalStateException(e);
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        respond(exchange, status, message == null ? Map.of("__type", type) : Map.of("__type", type, "message", message));
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> answer) throws IOException {
        byte[] body = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
