package org.haven.bench.privacy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.prf.Prf;

import org.haven.privacy.Deidentifier;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeyScope;
import org.haven.privacy.KeysetRepositories;
import org.haven.privacy.MasterKey;
import org.haven.privacy.PrivacyPolicy;
import org.haven.privacy.ScopedKeys;
import org.haven.privacy.internal.TokeniseTreatment;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.RecordValidator;
import org.haven.schema.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Tokenisation and field encryption against bare {@code javax.crypto} on the same inputs, one thread. Each baseline
 * does the least the real thing must do: HMAC-SHA256 over the value's bytes; AES-256-GCM with a fresh random IV.
 * Also: de-identifying a 12-column patient record against validating it (the schema check every ingested row
 * gets), as a share of ingest work. {@link #main} runs them all briefly and prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class PrivacyBenchmark {

    static final int VALUES = 4096;
    static final int PAYLOAD_BYTES = 256;

    private String[] nhsNumbers;
    private Prf prf;
    private Mac mac;
    private Aead tinkAead;
    private Cipher gcm;
    private SecretKeySpec aesKey;
    private final SecureRandom random = new SecureRandom();
    private byte[][] payloads;
    private byte[] associatedData;
    private List<Map<String, String>> rawRows;
    private List<Map<String, Object>> typedRows;
    private RecordValidator validator;
    private Deidentifier deidentifier;

    @Setup
    public void setUp() throws GeneralSecurityException {
        SplittableRandom seeded = new SplittableRandom(42);
        nhsNumbers = new String[VALUES];
        for (int i = 0; i < VALUES;) {
            String nhs = nhsNumber(seeded.nextLong(1_000_000_000L));
            if (nhs != null) {
                nhsNumbers[i++] = nhs;
            }
        }
        KeyRing ring = new KeyRing(KeysetRepositories.inMemory(), MasterKey.ephemeral());
        KeyScope scope = KeyScope.project("bench", "p1");
        ScopedKeys keys = ring.forScope(scope);
        prf = keys.tokeniser();
        tinkAead = keys.encrypter();

        byte[] macKey = new byte[32];
        random.nextBytes(macKey);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
        byte[] aes = new byte[32];
        random.nextBytes(aes);
        aesKey = new SecretKeySpec(aes, "AES");
        gcm = Cipher.getInstance("AES/GCM/NoPadding");

        payloads = new byte[64][PAYLOAD_BYTES];
        for (byte[] payload : payloads) {
            seededBytes(seeded, payload);
        }
        associatedData = "haven-field\u0000bench\u0000project:p1\u0000notes".getBytes(StandardCharsets.UTF_8);

        Schema schema = patientSchema();
        validator = RecordValidator.of(schema);
        rawRows = new ArrayList<>();
        typedRows = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            Map<String, String> raw = patientRow(seeded, nhsNumbers[i]);
            rawRows.add(raw);
            typedRows.add(validator.validate(raw).values());
        }
        deidentifier = Deidentifier.of(schema, PrivacyPolicy.parse("""
                fields:
                  email: drop
                  phone: {treatment: mask, keep_last: 3}
                  date_of_birth: {treatment: generalise, to: age_band, reference: '2026-01-01'}
                  postcode: {treatment: generalise, to: district}
                """), ring, scope);
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void tokenise(Blackhole blackhole) {
        for (String nhs : nhsNumbers) {
            blackhole.consume(TokeniseTreatment.token(prf, DataType.NHS_NUMBER, nhs));
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void bareHmacSha256(Blackhole blackhole) {
        for (String nhs : nhsNumbers) {
            blackhole.consume(mac.doFinal(nhs.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public void tinkAesGcm(Blackhole blackhole) throws GeneralSecurityException {
        for (byte[] payload : payloads) {
            blackhole.consume(tinkAead.encrypt(payload, associatedData));
        }
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public void bareAesGcm(Blackhole blackhole) throws GeneralSecurityException {
        for (byte[] payload : payloads) {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            gcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, iv));
            gcm.updateAAD(associatedData);
            blackhole.consume(gcm.doFinal(payload));
        }
    }

    @Benchmark
    @OperationsPerInvocation(1024)
    public void validateRecord(Blackhole blackhole) {
        for (Map<String, String> row : rawRows) {
            blackhole.consume(validator.validate(row));
        }
    }

    @Benchmark
    @OperationsPerInvocation(1024)
    public void deidentifyRecord(Blackhole blackhole) {
        for (Map<String, Object> row : typedRows) {
            blackhole.consume(deidentifier.apply(row));
        }
    }

    /** Runs every benchmark with the class's short settings and prints the ratios against the baselines. */
    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(PrivacyBenchmark.class.getSimpleName()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> score = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            score.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        double tokenise = score.get("tokenise");
        double hmac = score.get("bareHmacSha256");
        double tink = score.get("tinkAesGcm") * PAYLOAD_BYTES / 1e6;
        double bare = score.get("bareAesGcm") * PAYLOAD_BYTES / 1e6;
        double validate = score.get("validateRecord");
        double deidentify = score.get("deidentifyRecord");
        System.out.printf("%ntokenise %.0f values/s, bare HMAC-SHA256 %.0f values/s, ratio %.2f (goal >= 0.50)%n",
                tokenise, hmac, tokenise / hmac);
        System.out.printf("Tink AES-GCM %.1f MB/s, bare AES-GCM %.1f MB/s (%d-byte values), ratio %.2f%n", tink,
                bare, PAYLOAD_BYTES, tink / bare);
        double validateSeconds = 1e6 / validate;
        double deidentifySeconds = 1e6 / deidentify;
        System.out.printf("1M rows x 12 columns: validate %.2f s, deidentify %.2f s; deidentify / (validate + "
                + "deidentify) = %.1f%%%n", validateSeconds, deidentifySeconds,
                100 * deidentifySeconds / (validateSeconds + deidentifySeconds));
    }

    static Schema patientSchema() {
        return Schema.of(
                Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT),
                Field.of("name", DataType.STRING, IdentifierType.DIRECT),
                Field.of("email", DataType.EMAIL, IdentifierType.DIRECT),
                Field.of("phone", DataType.STRING, IdentifierType.DIRECT),
                Field.of("date_of_birth", DataType.DATE, IdentifierType.INDIRECT),
                Field.of("postcode", DataType.POSTCODE, IdentifierType.INDIRECT),
                Field.code("sex", IdentifierType.INDIRECT, List.of("M", "F", "U")),
                Field.of("weight_kg", DataType.DECIMAL, IdentifierType.NON_ID),
                Field.of("height_cm", DataType.INTEGER, IdentifierType.NON_ID),
                Field.of("smoker", DataType.BOOLEAN, IdentifierType.NON_ID),
                Field.of("admitted", DataType.DATETIME, IdentifierType.NON_ID),
                Field.of("ward", DataType.STRING, IdentifierType.NON_ID));
    }

    private static Map<String, String> patientRow(SplittableRandom random, String nhs) {
        Map<String, String> row = new HashMap<>();
        row.put("nhs_number", nhs);
        row.put("name", "Patient " + random.nextInt(1_000_000));
        row.put("email", "p" + random.nextInt(1_000_000) + "@example.org");
        row.put("phone", "07700 9" + String.format("%05d", random.nextInt(100_000)));
        row.put("date_of_birth", LocalDate.ofEpochDay(random.nextInt(-20_000, 19_000)).toString());
        row.put("postcode", "SW" + random.nextInt(1, 20) + " " + random.nextInt(10) + "AA");
        row.put("sex", random.nextBoolean() ? "F" : "M");
        row.put("weight_kg", BigDecimal.valueOf(random.nextInt(300, 1500), 1).toPlainString());
        row.put("height_cm", Integer.toString(random.nextInt(140, 200)));
        row.put("smoker", Boolean.toString(random.nextBoolean()));
        row.put("admitted", OffsetDateTime.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28), 10, 0, 0, 0,
                ZoneOffset.UTC).toString());
        row.put("ward", "Ward " + random.nextInt(40));
        return row;
    }

    private static void seededBytes(SplittableRandom random, byte[] target) {
        for (int i = 0; i < target.length; i++) {
            target[i] = (byte) random.nextInt(256);
        }
    }

    private static String nhsNumber(long prefix) {
        String digits = String.format("%09d", prefix);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check == 10 ? null : digits + check;
    }
}
