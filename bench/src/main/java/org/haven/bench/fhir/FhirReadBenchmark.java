package org.haven.bench.fhir;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.haven.bench.http.CpuMeter;
import org.haven.bench.http.Endpoint;
import org.haven.bench.http.HavenServerProcess;
import org.haven.bench.http.LoadDriver;
import org.haven.bench.http.OverheadReport;
import org.haven.bench.http.PhaseResult;
import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The FHIR read API under load against the same reads with the stack left out, in one run:
 * <ol>
 *   <li>haven-test-support's FHIR server (in this JVM) holds {@code PATIENTS} patients in one postal code with
 *       {@code OBSERVATIONS} observations each; the packaged server runs as a child process with the benchmark's
 *       server extension on its loader path, and ingests the postal code through a FHIR source, which fills the
 *       serving tables. The FHIR server is stopped before measuring.</li>
 *   <li>Each endpoint is driven by {@code CLIENTS} closed-loop clients, every request for a patient drawn at random:
 *       {@code GET /api/v1/patients/{id}} and {@code GET /api/v1/observations?patient_id=} by the bootstrap admin
 *       (identifiable: the dataset's manager) with a sign-in token; the same patient read by a user whose project is
 *       granted PSEUDONYMISED (every read tokenises the DIRECT fields); and the bare endpoints of the extension,
 *       which run the same SQL and write the same JSON without rate limiting, authentication, authorisation,
 *       de-identification or audit.</li>
 *   <li>Each endpoint is warmed up, then measured twice, the second round in reverse order. Any answer other than 200
 *       fails the run, and so does an audit chain that grew by less than the number of API reads sent.</li>
 * </ol>
 * Arguments: server jar, patients (1,000), observations per patient (10), warm-up seconds per endpoint (20), measured
 * seconds per endpoint and round (30), clients (32). The system property {@code haven.bench.serverJvmOptions} adds
 * options to the server's JVM (space-separated), for example a JFR recording.
 */
public final class FhirReadBenchmark {

    private static final String POSTAL_CODE = "02139";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: FhirReadBenchmark SERVER_JAR [PATIENTS] [OBSERVATIONS_PER_PATIENT] "
                    + "[WARM_UP_SECONDS] [SECONDS] [CLIENTS]");
            System.exit(2);
        }
        Path serverJar = Path.of(args[0]).toAbsolutePath();
        int patients = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 1000;
        int observationsPerPatient = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Duration warmUp = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 20);
        Duration phase = Duration.ofSeconds(args.length > 4 ? Integer.parseInt(args[4]) : 30);
        int clients = args.length > 5 ? Integer.parseInt(args[5]) : 32;

        FhirTestData data = FhirTestData.generate(patients, observationsPerPatient, POSTAL_CODE, 20261202L);
        List<String> patientIds = data.patientsIn(POSTAL_CODE).stream().map(FhirTestData.PatientValues::id).toList();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        boolean failed;
        Path extensionJar = HavenServerProcess.benchServerExtensionJar();
        try (HavenServerProcess server = HavenServerProcess.start(serverJar, extensionJar,
                HavenServerProcess.jvmOptions("-Xmx1g"), environment(password))) {
            HavenFhirIngest haven = HavenFhirIngest.create(server, password);
            HavenFhirIngest.Result ingest;
            try (FhirTestServer fhir = FhirTestServer.startWithoutFaults(data)) {
                ingest = haven.ingest(fhir.baseUrl().toString(), POSTAL_CODE, FhirIngestBenchmark.PAGE_SIZE, 8);
            }
            long observations = (long) patients * observationsPerPatient;
            if (ingest.patientRows() != patients || ingest.observationRows() != observations) {
                throw new IllegalStateException("ingest published " + ingest.patientRows() + " patients and "
                        + ingest.observationRows() + " observations");
            }
            System.out.printf(Locale.ROOT, "ingested %,d patients x %,d observations of %s in %.1f s%n", patients,
                    observationsPerPatient, POSTAL_CODE, ingest.nanos() / 1e9);
            failed = measure(server, haven, ingest.sourceId(), patientIds, warmUp, phase, clients);
        }
        if (failed) {
            System.exit(1);
        }
    }

    /** Rate limits high enough that every API request takes its tokens from the buckets but none is refused. */
    private static Map<String, String> environment(String password) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HAVEN_BOOTSTRAP_ADMIN_PASSWORD", password);
        environment.put("HAVEN_RATE_LIMIT_ADDRESS_CAPACITY", "1000000");
        environment.put("HAVEN_RATE_LIMIT_READ_CAPACITY", "1000000");
        environment.put("HAVEN_RATE_LIMIT_WRITE_CAPACITY", "1000000");
        environment.put("HAVEN_RATE_LIMIT_SIGN_IN_CAPACITY", "1000");
        environment.put("HAVEN_PIPELINE_POLL_INTERVAL", "100ms");
        return environment;
    }

    private static boolean measure(HavenServerProcess server, HavenFhirIngest haven, String sourceId,
            List<String> patientIds, Duration warmUp, Duration phase, int clients) throws Exception {
        String analyst = PseudonymisedReader.create(haven, "patient");
        String bareScope = "tenant=" + haven.tenantId() + "&source=" + sourceId;
        Endpoint patient = endpoint("Haven: GET /patients/{id}, identifiable", server, patientIds,
                id -> "/api/v1/patients/" + id + "?source=" + sourceId, haven.token());
        Endpoint barePatient = endpoint("bare: same patient row", server, patientIds,
                id -> "/bench/bare/patients/" + id + "?" + bareScope, null);
        Endpoint observations = endpoint("Haven: GET /observations?patient_id=", server, patientIds,
                id -> "/api/v1/observations?source=" + sourceId + "&patient_id=" + id, haven.token());
        Endpoint bareObservations = endpoint("bare: same observation rows", server, patientIds,
                id -> "/bench/bare/observations?" + bareScope + "&patient_id=" + id, null);
        Endpoint pseudonymised = endpoint("Haven: GET /patients/{id}, pseudonymised", server, patientIds,
                id -> "/api/v1/patients/" + id + "?source=" + sourceId, analyst);
        List<Endpoint> endpoints = List.of(patient, barePatient, observations, bareObservations, pseudonymised);
        checkSameAnswers(haven, server, patientIds.get(0), sourceId, bareScope, analyst);

        CpuMeter cpu = new CpuMeter(server.pid(), server.dataDir());
        System.out.printf(Locale.ROOT, "%d clients; per endpoint %d s warm-up, then two rounds of %d s (the second in "
                + "reverse order); %,d patients drawn at random%n", clients, warmUp.toSeconds(), phase.toSeconds(),
                patientIds.size());
        System.out.printf(Locale.ROOT, "machine: %d cores shared by this load generator, the server JVM and its "
                + "PostgreSQL%s%n", Runtime.getRuntime().availableProcessors(),
                cpu.seesPostgres() ? "" : " (PostgreSQL processes not found: their CPU column reads 0)");

        long auditBefore = auditChainLength(haven);
        LoadDriver driver = new LoadDriver(clients, cpu);
        long stackRequests = 0;
        for (Endpoint endpoint : endpoints) {
            PhaseResult result = driver.run(endpoint, warmUp);
            stackRequests += endpoint.throughStack() ? result.requests() : 0;
            System.out.printf(Locale.ROOT, "warm-up %s: %.0f req/s, %d errors%n", endpoint.name(), result.throughput(),
                    result.errors());
        }

        OverheadReport report = new OverheadReport(System.out);
        Map<Endpoint, PhaseResult> totals = new LinkedHashMap<>();
        endpoints.forEach(endpoint -> totals.put(endpoint, new PhaseResult(endpoint)));
        List<Endpoint> reversed = new ArrayList<>(endpoints);
        Collections.reverse(reversed);
        System.out.println();
        report.header();
        for (List<Endpoint> round : List.of(endpoints, reversed)) {
            for (Endpoint endpoint : round) {
                PhaseResult result = driver.run(endpoint, phase);
                report.row(endpoint.name(), result);
                totals.get(endpoint).merge(result);
                stackRequests += endpoint.throughStack() ? result.requests() : 0;
            }
        }
        long auditAfter = auditChainLength(haven);

        System.out.println();
        System.out.println("both rounds together:");
        report.table(new ArrayList<>(totals.values()));
        System.out.println();
        report.goals(totals.get(patient), totals.get(barePatient));
        report.goals(totals.get(observations), totals.get(bareObservations));
        report.goals(totals.get(pseudonymised), totals.get(barePatient));
        boolean audited = auditAfter - auditBefore >= stackRequests;
        System.out.printf(Locale.ROOT, "audit chain: %d events before, %d after (+%d); API reads sent, warm-up "
                + "included: %d; every one audited: %s%n", auditBefore, auditAfter, auditAfter - auditBefore,
                stackRequests, OverheadReport.verdict(audited));

        boolean errors = false;
        for (PhaseResult result : totals.values()) {
            report.errors(result);
            errors |= result.errors() > 0;
        }
        if (errors) {
            System.out.println("FAILED: some requests were not answered 200; the figures above are not valid");
        }
        return errors || !audited;
    }

    private static Endpoint endpoint(String name, HavenServerProcess server, List<String> patientIds,
            Function<String, String> path, String bearer) {
        List<URI> uris = patientIds.stream().map(id -> server.uri(path.apply(id))).toList();
        return new Endpoint(name, uris, bearer, bearer != null);
    }

    /**
     * Fails unless the bare endpoints answer what the API answers an identifiable reader, so the two sides read the
     * same rows into the same JSON, and unless the pseudonymised reader gets tokens.
     */
    private static void checkSameAnswers(HavenFhirIngest haven, HavenServerProcess server, String patientId,
            String sourceId, String bareScope, String analyst) throws Exception {
        JsonNode api = JSON.readTree(haven.call("GET", "/api/v1/patients/" + patientId + "?source=" + sourceId,
                haven.token(), null, 200));
        JsonNode bare = JSON.readTree(haven.call("GET", "/bench/bare/patients/" + patientId + "?" + bareScope, null,
                null, 200));
        same("patient", api, bare);
        api = JSON.readTree(haven.call("GET", "/api/v1/observations?source=" + sourceId + "&patient_id=" + patientId,
                haven.token(), null, 200));
        bare = JSON.readTree(haven.call("GET", "/bench/bare/observations?" + bareScope + "&patient_id=" + patientId,
                null, null, 200));
        same("observations", api, bare);
        JsonNode tokenised = JSON.readTree(haven.call("GET", "/api/v1/patients/" + patientId + "?source=" + sourceId,
                analyst, null, 200));
        if (!"PSEUDONYMISED".equals(tokenised.path("result_type").asString())
                || !tokenised.path("record").path("family_name").asString().startsWith("tk_")) {
            throw new IllegalStateException("the pseudonymised reader was answered " + tokenised);
        }
    }

    private static void same(String what, JsonNode api, JsonNode bare) {
        if (!api.equals(bare)) {
            throw new IllegalStateException("the bare " + what + " answer differs from the API's:\n  API:  " + api
                    + "\n  bare: " + bare);
        }
    }

    /** Length of the audit hash chain, as counted by a full verification; fails if the chain is broken. */
    private static long auditChainLength(HavenFhirIngest haven) throws Exception {
        JsonNode verified = JSON.readTree(haven.call("POST", "/api/v1/audit/verify", haven.token(), null, 200));
        if (!verified.path("ok").asBoolean()) {
            throw new IllegalStateException("audit chain verification failed: " + verified);
        }
        return verified.path("events_checked").asLong();
    }

    private FhirReadBenchmark() {}
}
