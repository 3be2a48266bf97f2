package org.haven.bench.fhir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.haven.bench.http.CpuMeter;
import org.haven.bench.http.HavenServerProcess;
import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;

/**
 * A FHIR ingest through a running server against the least work that pages through the same resources, in one run:
 * <ol>
 *   <li>the test FHIR server of haven-test-support runs in this JVM (no fault filter) with {@code PATIENTS} patients
 *       in one postal code and {@code OBSERVATIONS} observations each;</li>
 *   <li>the packaged server runs as a child process on its embedded PostgreSQL and filesystem blob store; each
 *       repetition creates a FHIR source (page size {@value #PAGE_SIZE}, {@code CONCURRENCY} requests in flight,
 *       10,000 requests per second), starts an ingest of the postal code through the API and polls the run until it
 *       succeeded; the version each dataset got from the run must hold every patient and observation;</li>
 *   <li>the baseline, {@link RawFhirPaging}, pages through the same searches with the same page size and
 *       concurrency and counts the same resources.</li>
 * </ol>
 * The two sides alternate which goes first. A small postal code is ingested and paged once before measuring, so that
 * both sides run compiled code. Arguments: server jar, patients (5,000), observations per patient (50),
 * repetitions (2), concurrency (8). The system property {@code haven.bench.serverJvmOptions} adds options to the
 * server's JVM (space-separated), for example a JFR recording of where its time goes.
 */
public final class FhirIngestBenchmark {

    static final int PAGE_SIZE = 100;
    private static final String POSTAL_CODE = "02139";
    private static final String WARM_UP_POSTAL_CODE = "99999";

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: FhirIngestBenchmark SERVER_JAR [PATIENTS] [OBSERVATIONS_PER_PATIENT] "
                    + "[REPETITIONS] [CONCURRENCY]");
            System.exit(2);
        }
        Path serverJar = Path.of(args[0]).toAbsolutePath();
        int patients = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 5000;
        int observationsPerPatient = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        long expectedObservations = (long) patients * observationsPerPatient;

        long generating = System.nanoTime();
        FhirTestData data = FhirTestData.generate(patients, observationsPerPatient, POSTAL_CODE, 20261202L);
        addWarmUpPatients(data, 200, 10);
        System.out.printf(Locale.ROOT, "generated %,d patients x %,d observations in %s in %.2f s; page size %d, "
                + "concurrency %d%n", patients, observationsPerPatient, POSTAL_CODE,
                (System.nanoTime() - generating) / 1e9, PAGE_SIZE, concurrency);

        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try (FhirTestServer fhir = FhirTestServer.startWithoutFaults(data);
                HavenServerProcess server = HavenServerProcess.start(serverJar, null,
                        HavenServerProcess.jvmOptions("-Xmx1g"), environment(password))) {
            String baseUrl = fhir.baseUrl().toString();
            HavenFhirIngest haven = HavenFhirIngest.create(server, password);
            RawFhirPaging raw = new RawFhirPaging(fhir.baseUrl(), PAGE_SIZE, concurrency);

            CpuMeter cpu = new CpuMeter(server.pid(), server.dataDir());
            raw.run(WARM_UP_POSTAL_CODE);
            haven.ingest(baseUrl, WARM_UP_POSTAL_CODE, PAGE_SIZE, concurrency);
            if (!cpu.seesPostgres()) {
                System.out.println("(the server's PostgreSQL processes are not visible: its CPU is not counted)");
            }

            List<Double> rawSeconds = new ArrayList<>();
            List<Double> ingestSeconds = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            Map<String, List<Long>> stepMillis = new LinkedHashMap<>();
            for (int i = 1; i <= repetitions; i++) {
                RawFhirPaging.Result baseline = null;
                HavenFhirIngest.Result ingest = null;
                CpuMeter.Sample rawCpu = null;
                CpuMeter.Sample ingestCpu = null;
                for (int side = 0; side < 2; side++) {
                    CpuMeter.Sample before = cpu.sample();
                    if ((side == 0) == (i % 2 == 1)) {
                        baseline = raw.run(POSTAL_CODE);
                        rawCpu = cpu.sample().minus(before);
                    } else {
                        ingest = haven.ingest(baseUrl, POSTAL_CODE, PAGE_SIZE, concurrency);
                        ingestCpu = cpu.sample().minus(before);
                    }
                }
                check("baseline patients", baseline.patients(), patients);
                check("baseline observations", baseline.observations(), expectedObservations);
                check("published patient rows", ingest.patientRows(), patients);
                check("published observation rows", ingest.observationRows(), expectedObservations);

                double ratio = ingest.nanos() / (double) baseline.nanos();
                rawSeconds.add(baseline.nanos() / 1e9);
                ingestSeconds.add(ingest.nanos() / 1e9);
                ratios.add(ratio);
                ingest.stepMillis().forEach((step, millis) ->
                        stepMillis.computeIfAbsent(step, s -> new ArrayList<>()).add(millis));
                System.out.printf(Locale.ROOT, "repetition %d (%s first): raw paging %.2f s (%,d requests, %,d MB) | "
                        + "Haven ingest %.2f s (run %.2f s, queued -> started %d ms), %,d patients + %,d observations "
                        + "published | ingest / raw %.2f%n", i, i % 2 == 1 ? "raw" : "ingest", baseline.nanos() / 1e9,
                        baseline.requests(), baseline.bytes() >> 20, ingest.nanos() / 1e9, ingest.runMillis() / 1e3,
                        ingest.queuedToStartedMillis(), ingest.patientRows(), ingest.observationRows(), ratio);
                System.out.printf(Locale.ROOT, "  CPU s (server JVM / its PostgreSQL / this JVM: FHIR server and "
                        + "client): raw %s | ingest %s%n", cpuText(rawCpu), cpuText(ingestCpu));
                System.out.println("  steps (s): " + describe(ingest.stepMillis()) + " | fetch output: "
                        + ingest.fetchOutput().toString().replaceAll("\"[a-z_]*(key|sha256)\":\"[^\"]*\",?", ""));
            }
            System.out.printf(Locale.ROOT, "medians over %d repetitions: raw paging %.2f s, Haven ingest %.2f s, "
                    + "ingest / raw %.2f (per repetition %s; goal < 1.5)%n", repetitions, median(rawSeconds),
                    median(ingestSeconds), median(ratios),
                    ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
            Map<String, Long> medianSteps = new LinkedHashMap<>();
            stepMillis.forEach((step, millis) -> medianSteps.put(step,
                    (long) median(millis.stream().map(Long::doubleValue).toList())));
            System.out.println("median step times (s): " + describe(medianSteps));
        }
    }

    /** A second, small postal code for the warm-up, with ids of its own. */
    private static void addWarmUpPatients(FhirTestData data, int patients, int observationsPerPatient) {
        FhirTestData small = FhirTestData.generate(patients, observationsPerPatient, WARM_UP_POSTAL_CODE, 1L);
        for (FhirTestData.PatientValues p : small.patientsIn(WARM_UP_POSTAL_CODE)) {
            data.put(new FhirTestData.PatientValues("w" + p.id(), p.mrn(), p.family(), p.given(), p.birthDate(),
                    p.gender(), p.line1(), p.line2(), p.city(), p.postalCode(), p.phone(), p.email(), p.version(),
                    p.lastUpdated()));
            for (FhirTestData.ObservationValues o : small.observationsOf(p.id())) {
                data.putObservation(new FhirTestData.ObservationValues("w" + o.id(), "w" + p.id(), o.status(),
                        o.codeSystem(), o.code(), o.display(), o.value(), o.unit(), o.effective(), o.issued()));
            }
        }
    }

    private static Map<String, String> environment(String password) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HAVEN_BOOTSTRAP_ADMIN_PASSWORD", password);
        environment.put("HAVEN_RATE_LIMIT_ADDRESS_CAPACITY", "1000000");
        environment.put("HAVEN_RATE_LIMIT_READ_CAPACITY", "1000000");
        environment.put("HAVEN_RATE_LIMIT_WRITE_CAPACITY", "1000000");
        environment.put("HAVEN_PIPELINE_POLL_INTERVAL", "100ms");
        return environment;
    }

    private static void check(String what, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(what + ": " + actual + ", expected " + expected);
        }
    }

    private static String cpuText(CpuMeter.Sample sample) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", sample.serverNanos() / 1e9,
                sample.postgresNanos() / 1e9, sample.loadNanos() / 1e9);
    }

    private static String describe(Map<String, Long> stepMillis) {
        StringBuilder text = new StringBuilder();
        stepMillis.forEach((step, millis) -> text.append(text.isEmpty() ? "" : ", ").append(step).append(' ')
                .append(String.format(Locale.ROOT, "%.2f", millis / 1e3)));
        return text.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private FhirIngestBenchmark() {}
}
