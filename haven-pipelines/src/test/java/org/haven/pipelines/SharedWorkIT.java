package org.haven.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.pipelines.EngineFixture.TENANT;
import static org.haven.pipelines.EngineFixture.assertSucceeded;
import static org.haven.pipelines.EngineFixture.awaitFinished;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several engines (processes) on one database, admission limits, idempotency and cron. */
class SharedWorkIT {

    private final EngineFixture fixture = new EngineFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private record Execution(UUID runId, String stepId, long startNanos, long endNanos, String engine) {}

    @Test
    void twoEnginesShareHundredRunsAndNoStepEverOverlapsItself() {
        Queue<Execution> executions = new ConcurrentLinkedQueue<>();
        List<PipelineEngine> engines = new ArrayList<>();
        for (String name : List.of("one", "two")) {
            StepType work = TestSteps.step("work", context -> {
                long start = System.nanoTime();
                Thread.sleep(5 + (context.stepId().hashCode() & 7));
                executions.add(new Execution(context.runId(), context.stepId(), start, System.nanoTime(), name));
                return StepResult.of(Map.of("by", name));
            });
            engines.add(fixture.engine(StepTypes.of(work), EngineFixture.fastSettings().withMaxRunningRuns(20)));
        }
        engines.get(0).apply(TENANT, """
                name: shared
                concurrency: 20
                steps:
                  - {id: a, type: work}
                  - {id: b, type: work, needs: [a]}
                  - {id: c, type: work, needs: [a]}
                  - {id: d, type: work, needs: [b, c]}
                """, "alice");
        List<UUID> runs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            runs.add(engines.get(i % 2).startRun(StartRun.latest(TENANT, "shared", "api:" + i, Map.of())).runId());
        }
        for (UUID run : runs) {
            assertSucceeded(awaitFinished(engines.get(0), TENANT, run, Duration.ofSeconds(120)));
        }
        Map<String, List<Execution>> byStep = new ConcurrentHashMap<>();
        executions.forEach(e -> byStep.computeIfAbsent(e.runId() + "/" + e.stepId(), key -> new ArrayList<>()).add(e));
        assertThat(byStep).hasSize(400);
        byStep.forEach((step, list) -> assertThat(list).as(step).hasSize(1));
        assertThat(executions).extracting(Execution::engine).contains("one", "two");
    }

    @Test
    void aCancelMadeInAnotherProcessReachesTheRunningStep() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger sawCancel = new AtomicInteger();
        StepType wait = TestSteps.step("wait", context -> {
            running.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            try {
                while (!context.isCancelled() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                sawCancel.incrementAndGet(); // interrupted by this process's engine once it saw the cancel
                throw e;
            }
            if (context.isCancelled()) {
                sawCancel.incrementAndGet();
            }
            return StepResult.empty();
        });
        PipelineEngine worker = fixture.engine(StepTypes.of(wait));
        worker.apply(TENANT, "name: w\nsteps:\n  - {id: a, type: wait}\n", "alice");
        UUID run = worker.startRun(StartRun.latest(TENANT, "w", "api:1", Map.of())).runId();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        // Another process, which does not run steps itself, cancels.
        PipelineEngine other = PipelineEngine.builder(fixture.dataSource()).stepTypes(StepTypes.of(wait))
                .settings(EngineFixture.fastSettings()).build();
        other.cancel(TENANT, run);
        other.close();
        EngineFixture.await(() -> sawCancel.get() == 1, Duration.ofSeconds(10), () -> "the step never saw the cancel");
        RunDetails details = worker.getRun(TENANT, run).orElseThrow();
        assertThat(details.run().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(details.run().finishedAt()).isNotNull();
    }

    @Test
    void anAttemptTakenOverElsewhereStopsHereAndRecordsNothing() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        StepType wait = TestSteps.step("wait", context -> {
            running.countDown();
            try {
                while (!context.isCancelled()) {
                    Thread.sleep(20);
                }
            } finally {
                stopped.countDown();
            }
            return StepResult.of(Map.of("stale", true));
        });
        PipelineEngine engine = fixture.engine(StepTypes.of(wait));
        engine.apply(TENANT, "name: t\nsteps:\n  - {id: a, type: wait}\n", "alice");
        UUID run = engine.startRun(StartRun.latest(TENANT, "t", "api:1", Map.of())).runId();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        // What a process that revived the execution after missed heartbeats writes when it starts attempt 2.
        try (java.sql.Connection connection = fixture.dataSource().getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE pipeline_run_steps SET attempt = 2 WHERE step_id = 'a'");
        }
        assertThat(stopped.await(10, TimeUnit.SECONDS)).as("the superseded attempt stops").isTrue();
        Thread.sleep(300);
        RunDetails details = engine.getRun(TENANT, run).orElseThrow();
        assertThat(EngineFixture.step(details, "a").status()).isEqualTo(StepStatus.RUNNING);
        assertThat(EngineFixture.step(details, "a").attempt()).isEqualTo(2);
        assertThat(EngineFixture.step(details, "a").output()).isEmpty();
        assertThat(engine.events(TENANT, run, 0, 100)).extracting(RunEvent::type)
                .doesNotContain(RunEventType.STEP_SUCCEEDED, RunEventType.STEP_FAILED);
    }

    @Test
    void concurrentIdenticalTriggersStartOneRun() throws Exception {
        PipelineEngine engine = fixture.engine(StepTypes.of(TestSteps.echo()));
        PipelineEngine other = fixture.engine(StepTypes.of(TestSteps.echo()));
        engine.apply(TENANT, "name: once\nsteps:\n  - {id: a, type: echo}\n", "alice");
        int threads = 16;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<StartedRun>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                PipelineEngine target = i % 2 == 0 ? engine : other;
                futures.add(pool.submit(() -> {
                    barrier.await();
                    return target.startRun(StartRun.latest(TENANT, "once", "upload:feedface", Map.of()));
                }));
            }
            Set<UUID> ids = new HashSet<>();
            int created = 0;
            for (Future<StartedRun> future : futures) {
                StartedRun run = future.get(30, TimeUnit.SECONDS);
                ids.add(run.runId());
                created += run.created() ? 1 : 0;
            }
            assertThat(ids).hasSize(1);
            assertThat(created).isEqualTo(1);
            assertThat(engine.listRuns(RunQuery.of(TENANT)).runs()).hasSize(1);
            assertSucceeded(awaitFinished(engine, ids.iterator().next()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void perPipelineConcurrencyIsNeverExceeded() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        StepType work = TestSteps.step("work", context -> {
            maxSeen.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(60);
            running.decrementAndGet();
            return StepResult.empty();
        });
        PipelineEngine one = fixture.engine(StepTypes.of(work));
        PipelineEngine two = fixture.engine(StepTypes.of(work));
        one.apply(TENANT, "name: limited\nconcurrency: 2\nsteps:\n  - {id: a, type: work}\n", "alice");
        List<UUID> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            runs.add((i % 2 == 0 ? one : two).startRun(StartRun.latest(TENANT, "limited", "api:" + i, Map.of())).runId());
        }
        runs.forEach(run -> assertSucceeded(awaitFinished(one, run)));
        assertThat(maxSeen.get()).isBetween(1, 2);
    }

    @Test
    void aTenantWithManyQueuedRunsDoesNotStarveAnother() throws Exception {
        StepType work = TestSteps.step("work", context -> {
            Thread.sleep(100);
            return StepResult.empty();
        });
        PipelineEngine engine = fixture.engine(StepTypes.of(work), EngineFixture.fastSettings().withMaxRunningRuns(2));
        String busy = "tenant-busy";
        String quiet = "tenant-quiet";
        String yaml = "name: load\nconcurrency: 50\nsteps:\n  - {id: a, type: work}\n";
        engine.apply(busy, yaml, "alice");
        engine.apply(quiet, yaml, "bob");
        List<UUID> busyRuns = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            busyRuns.add(engine.startRun(StartRun.latest(busy, "load", "api:" + i, Map.of())).runId());
        }
        Thread.sleep(150); // the busy tenant's runs are queued first and already running
        UUID quietRun = engine.startRun(StartRun.latest(quiet, "load", "api:0", Map.of())).runId();
        RunSummary quietSummary = awaitFinished(engine, quiet, quietRun, Duration.ofSeconds(30)).run();
        assertThat(quietSummary.status()).isEqualTo(RunStatus.SUCCEEDED);
        List<Instant> busyStarts = new ArrayList<>();
        List<RunSummary> all = new ArrayList<>(List.of(quietSummary));
        for (UUID run : busyRuns) {
            RunSummary summary = awaitFinished(engine, busy, run, Duration.ofSeconds(60)).run();
            assertThat(summary.status()).isEqualTo(RunStatus.SUCCEEDED);
            busyStarts.add(summary.startedAt());
            all.add(summary);
        }
        for (RunSummary run : all) { // the global limit: never more than two runs RUNNING at once
            long overlapping = all.stream().filter(other -> other.startedAt().isBefore(run.startedAt().plusNanos(1))
                    && other.finishedAt().isAfter(run.startedAt())).count();
            assertThat(overlapping).as("runs running when %s started", run.runId()).isLessThanOrEqualTo(2);
        }
        long startedBeforeQuietQueued = busyStarts.stream().filter(t -> t.isBefore(quietSummary.queuedAt())).count();
        long startedBeforeQuietStarted = busyStarts.stream().filter(t -> t.isBefore(quietSummary.startedAt())).count();
        // First come, first served would start the quiet run after all 50. With a fair share it takes the first slot
        // that frees up once its queueing is committed (its queued_at is taken just before the commit, so each of
        // the two slots may go to a busy run in between).
        assertThat(startedBeforeQuietQueued).isLessThan(45);
        assertThat(startedBeforeQuietStarted).isLessThanOrEqualTo(startedBeforeQuietQueued + 2);
    }

    @Test
    void cronStartsExactlyOneRunPerFireTimeWithTwoEngines() throws Exception {
        // A clock a little before a minute boundary, so the every-minute trigger fires within the test.
        Instant real = Instant.now();
        Instant target = real.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)).minusMillis(1500);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(real, target));
        List<PipelineEngine> engines = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            engines.add(fixture.engine(PipelineEngine.builder(fixture.dataSource()).clock(clock)
                    .stepTypes(StepTypes.of(TestSteps.echo())).settings(EngineFixture.fastSettings())));
        }
        engines.get(0).apply(TENANT, "name: nightly\ntriggers:\n  - cron: \"* * * * *\"\nsteps:\n  - {id: a, type: echo}\n", "alice");
        EngineFixture.await(() -> !engines.get(1).listRuns(RunQuery.of(TENANT)).runs().isEmpty(), Duration.ofSeconds(20),
                () -> "cron did not fire");
        Thread.sleep(1500);
        List<RunSummary> runs = engines.get(0).listRuns(RunQuery.of(TENANT)).runs();
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.triggerKey()).startsWith("cron:").endsWith(":00Z");
            assertThat(run.inputs()).containsKey("fire_time");
        });
        assertSucceeded(awaitFinished(engines.get(0), runs.get(0).runId()));
    }

    @Test
    void workspaceIsDeletedOnSuccessAndKeptForTheRetentionOnFailure() throws Exception {
        Map<UUID, String> deleted = new ConcurrentHashMap<>();
        AtomicInteger deleteCalls = new AtomicInteger();
        RunWorkspaces workspaces = (tenantId, runId, prefix) -> {
            if (deleteCalls.incrementAndGet() == 1) {
                throw new java.io.IOException("object store briefly unavailable");
            }
            deleted.put(runId, prefix);
        };
        PipelineSettings settings = EngineFixture.fastSettings()
                .withWorkspaceRetention(Duration.ofSeconds(2), Duration.ofMillis(200));
        PipelineEngine engine = fixture.engine(PipelineEngine.builder(fixture.dataSource()).workspaces(workspaces)
                .settings(settings).stepTypes(StepTypes.of(TestSteps.echo(), TestSteps.step("fail", context -> {
                    throw StepFailure.permanent("no");
                }))));
        engine.apply(TENANT, "name: good\nsteps:\n  - {id: a, type: echo}\n", "alice");
        engine.apply(TENANT, "name: bad\nsteps:\n  - {id: a, type: fail}\n", "alice");
        UUID good = engine.startRun(StartRun.latest(TENANT, "good", "api:1", Map.of())).runId();
        assertSucceeded(awaitFinished(engine, good));
        EngineFixture.await(() -> engine.getRun(TENANT, good).orElseThrow().run().workspaceCleanedAt() != null,
                Duration.ofSeconds(5), () -> "workspace of the succeeded run not cleaned");
        assertThat(deleted.get(good)).isEqualTo("tenants/" + TENANT + "/workspace/runs/" + good + "/");
        assertThat(deleteCalls).hasValue(2); // the immediate delete failed; the sweep deleted it

        UUID bad = engine.startRun(StartRun.latest(TENANT, "bad", "api:1", Map.of())).runId();
        RunDetails failed = awaitFinished(engine, bad);
        assertThat(failed.run().status()).isEqualTo(RunStatus.FAILED);
        Thread.sleep(800);
        assertThat(deleted).doesNotContainKey(bad);
        assertThat(engine.getRun(TENANT, bad).orElseThrow().run().workspaceCleanedAt()).isNull();
        EngineFixture.await(() -> engine.getRun(TENANT, bad).orElseThrow().run().workspaceCleanedAt() != null,
                Duration.ofSeconds(10), () -> "workspace of the failed run not cleaned after the retention");
        RunSummary cleaned = engine.getRun(TENANT, bad).orElseThrow().run();
        assertThat(Duration.between(cleaned.finishedAt(), cleaned.workspaceCleanedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(deleted.get(bad)).isEqualTo(cleaned.workspacePrefix());
        Thread.sleep(500);
        assertThat(deleteCalls).hasValue(3); // after the one failure, each workspace deleted once
    }
}
