package org.haven.bench.http;

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

/**
 * What authentication, authorisation and audit cost on a trivial authenticated GET, at a fixed number of concurrent
 * clients. The stack cannot be switched off in a running server, so the baseline is {@code GET /healthz} on the same
 * server process: the same container, request-id filter and JSON rendering, but no rate limiting, authentication,
 * authorisation, audit or database. The measured stack request is {@code GET /api/v1/tenants/{id}} by an app that is a
 * member of the tenant, with an API key, and the same request with a local sign-in JWT.
 *
 * <p>Each endpoint is warmed up, then measured twice, the second round in reverse order, so that neither side gains
 * from running later on a warmer JVM.
 *
 * <p>Usage: {@code java -cp bench/target/haven-bench.jar org.haven.bench.http.ApiOverheadBenchmark SERVER_JAR [SECONDS] [CLIENTS]}
 */
public final class ApiOverheadBenchmark {

    private static final Duration WARM_UP = Duration.ofSeconds(5);

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ApiOverheadBenchmark SERVER_JAR [SECONDS] [CLIENTS]");
            System.exit(2);
        }
        Path serverJar = Path.of(args[0]).toAbsolutePath();
        Duration phase = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 20);
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path extensionJar = HavenServerProcess.benchServerExtensionJar();
        String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

        boolean failed;
        try (HavenServerProcess server = HavenServerProcess.start(serverJar, extensionJar, HavenServerProcess.jvmOptions(), environment(adminPassword))) {
            failed = measure(server, BenchTenant.create(server, adminPassword), phase, clients);
        }
        if (failed) {
            System.exit(1);
        }
    }

    /** High limits: every request still takes its tokens from the PostgreSQL buckets, but none is refused. */
    private static Map<String, String> environment(String adminPassword) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HAVEN_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        environment.put("HAVEN_RATE_LIMIT_ADDRESS_CAPACITY", "1000000");
        environment.put("HAVEN_RATE_LIMIT_READ_CAPACITY", "1000000");
        environment.put("HAVEN_RATE_LIMIT_WRITE_CAPACITY", "1000000");
        environment.put("HAVEN_RATE_LIMIT_SIGN_IN_CAPACITY", "1000");
        return environment;
    }

    private static boolean measure(HavenServerProcess server, BenchTenant tenant, Duration phase, int clients)
            throws Exception {
        Endpoint bare = new Endpoint("baseline: same GET, stack disabled", server.uri(tenant.barePath()), null, false);
        Endpoint healthz = new Endpoint("reference: GET /healthz", server.uri("/healthz"), null, false);
        Endpoint apiKey = new Endpoint("stack: GET /api/v1/tenants/{id}, API key", server.uri(tenant.tenantPath()),
                tenant.appKey(), true);
        Endpoint jwt = new Endpoint("stack: same GET, sign-in JWT", server.uri(tenant.tenantPath()),
                tenant.adminToken(), true);
        List<Endpoint> endpoints = List.of(bare, apiKey, jwt, healthz);

        CpuMeter cpu = new CpuMeter(server.pid(), server.dataDir());
        System.out.printf(Locale.ROOT, "%d clients, %d s per phase, %d s warm-up per endpoint, each endpoint measured "
                + "twice (second round in reverse order)%n", clients, phase.toSeconds(), WARM_UP.toSeconds());
        System.out.printf(Locale.ROOT, "machine: %d cores shared by this load generator, the server JVM and its "
                + "PostgreSQL%s%n", Runtime.getRuntime().availableProcessors(),
                cpu.seesPostgres() ? "" : " (PostgreSQL processes not found: their CPU column reads 0)");
        System.out.println("baseline: GET /bench/bare/tenants/{id}, served by the benchmark's extension in the same "
                + "server process: the same tenant lookup and JSON as the stack's endpoint, without rate limiting, "
                + "authentication, authorisation or audit. GET /healthz (no database) is shown for reference.");

        long auditBefore = tenant.auditChainLength();
        LoadDriver driver = new LoadDriver(clients, cpu);
        long stackRequests = 0;
        for (Endpoint endpoint : endpoints) {
            PhaseResult warmUp = driver.run(endpoint, WARM_UP);
            stackRequests += endpoint.throughStack() ? warmUp.requests() : 0;
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
        long auditAfter = tenant.auditChainLength();

        System.out.println();
        System.out.println("both rounds together:");
        report.table(new ArrayList<>(totals.values()));
        System.out.println();
        report.goals(totals.get(apiKey), totals.get(bare));
        report.goals(totals.get(jwt), totals.get(bare));
        report.reference(totals.get(apiKey), totals.get(healthz));
        boolean audited = auditAfter - auditBefore >= stackRequests;
        System.out.printf(Locale.ROOT, "audit chain: %d events before, %d after (+%d); stack requests sent, warm-up "
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

    private ApiOverheadBenchmark() {}
}
