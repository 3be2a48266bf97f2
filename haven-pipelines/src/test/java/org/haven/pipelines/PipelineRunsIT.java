package org.haven.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.pipelines.EngineFixture.TENANT;
import static org.haven.pipelines.EngineFixture.assertSucceeded;
import static org.haven.pipelines.EngineFixture.awaitFinished;
import static org.haven.pipelines.EngineFixture.step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Single-engine behaviour of runs: order, outputs, retries, timeouts, cancel, resume, events. */
class PipelineRunsIT {

    private final EngineFixture fixture = new EngineFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void fanOutAndFanInRunInOrderAndPassOutputsDownstream() {
        Queue<String> order = new ConcurrentLinkedQueue<>();
        Map<String, Map<String, Map<String, Object>>> seen = new ConcurrentHashMap<>();
        StepType record = TestSteps.step("record", context -> {
            order.add(context.stepId() + ":start");
            seen.put(context.stepId(), context.upstreamOutputs());
            context.log("hello from " + context.stepId());
            Thread.sleep(50);
            order.add(context.stepId() + ":end");
            return StepResult.of(Map.of("from", context.stepId(), "input", context.inputs().getOrDefault("file", "")));
        });
        PipelineEngine engine = fixture.engine(StepTypes.of(record));
        Queue<RunEvent> heard = new ConcurrentLinkedQueue<>();
        engine.addListener(heard::add);
        engine.apply(TENANT, """
                name: dag
                steps:
                  - {id: a, type: record}
                  - {id: b, type: record, needs: [a]}
                  - {id: c, type: record, needs: [a]}
                  - {id: d, type: record, needs: [b, c]}
                """, "alice");
        StartedRun started = engine.startRun(StartRun.latest(TENANT, "dag", "api:1", Map.of("file", "x.csv")));
        RunDetails details = awaitFinished(engine, started.runId());
        assertSucceeded(details);
        List<String> sequence = new ArrayList<>(order);
        assertThat(sequence.indexOf("a:end")).isLessThan(sequence.indexOf("b:start")).isLessThan(sequence.indexOf("c:start"));
        assertThat(sequence.indexOf("d:start")).isGreaterThan(sequence.indexOf("b:end")).isGreaterThan(sequence.indexOf("c:end"));
        assertThat(seen.get("b")).containsOnlyKeys("a");
        assertThat(seen.get("d")).containsOnlyKeys("a", "b", "c");
        assertThat(seen.get("d").get("b")).containsEntry("from", "b").containsEntry("input", "x.csv");
        assertThat(step(details, "d").output()).containsEntry("from", "d");
        assertThat(details.run().startedAt()).isNotNull();

        List<RunEvent> events = engine.events(TENANT, started.runId(), 0, 100);
        assertThat(events).extracting(RunEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(events.get(0).type()).isEqualTo(RunEventType.RUN_QUEUED);
        assertThat(events.get(1).type()).isEqualTo(RunEventType.RUN_STARTED);
        assertThat(events.get(events.size() - 1).type()).isEqualTo(RunEventType.RUN_SUCCEEDED);
        assertThat(events).filteredOn(e -> e.type() == RunEventType.STEP_SUCCEEDED).hasSize(4);
        assertThat(engine.logs(TENANT, started.runId(), 0, 100)).extracting(RunEvent::message)
                .containsExactlyInAnyOrder("hello from a", "hello from b", "hello from c", "hello from d");
        EngineFixture.await(() -> heard.size() == events.size(), Duration.ofSeconds(5), () -> "listener heard " + heard);
        assertThat(heard).extracting(RunEvent::sequence).containsExactlyInAnyOrderElementsOf(
                events.stream().map(RunEvent::sequence).toList());
        long middle = events.get(3).sequence();
        assertThat(engine.events(TENANT, started.runId(), middle, 100)).allMatch(e -> e.sequence() > middle);
        assertThat(engine.getRun("other-tenant", started.runId())).isEmpty();
    }

    @Test
    void transientFailuresAreRetriedWithGrowingBackoff() {
        AtomicInteger calls = new AtomicInteger();
        StepType flaky = TestSteps.step("flaky", context -> {
            if (calls.incrementAndGet() <= 3) {
                throw StepFailure.retryable("store unavailable (call " + calls.get() + ")");
            }
            return StepResult.of(Map.of("attempt", context.attempt()));
        });
        PipelineEngine engine = fixture.engine(StepTypes.of(flaky));
        engine.apply(TENANT, """
                name: flaky
                steps:
                  - id: a
                    type: flaky
                    retry: {max_attempts: 5, initial_backoff: 100ms, max_backoff: 300ms}
                """, "alice");
        StartedRun run = engine.startRun(StartRun.latest(TENANT, "flaky", "api:1", Map.of()));
        RunDetails details = awaitFinished(engine, run.runId());
        assertSucceeded(details);
        assertThat(calls).hasValue(4);
        assertThat(step(details, "a").attempt()).isEqualTo(4);
        assertThat(step(details, "a").output()).containsEntry("attempt", 4);
        List<RunEvent> retrying = engine.events(TENANT, run.runId(), 0, 100).stream()
                .filter(e -> e.type() == RunEventType.STEP_RETRYING).toList();
        assertThat(retrying).extracting(RunEvent::attempt).containsExactly(1, 2, 3);
        assertThat(retrying).extracting(e -> ((Number) e.details().get("backoff_ms")).longValue())
                .containsExactly(100L, 200L, 300L);
        for (RunEvent event : retrying) {
            Instant next = Instant.parse((String) event.details().get("next_attempt_at"));
            assertThat(next).isAfter(event.time());
        }
        List<RunEvent> starts = engine.events(TENANT, run.runId(), 0, 100).stream()
                .filter(e -> e.type() == RunEventType.STEP_STARTED).toList();
        assertThat(starts).extracting(RunEvent::attempt).containsExactly(1, 2, 3, 4);
        for (int i = 0; i < 3; i++) { // each attempt starts no earlier than the announced time
            Instant announced = Instant.parse((String) retrying.get(i).details().get("next_attempt_at"));
            assertThat(starts.get(i + 1).time()).isAfterOrEqualTo(announced);
        }
    }

    @Test
    void permanentFailureIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger downstream = new AtomicInteger();
        PipelineEngine engine = fixture.engine(StepTypes.of(
                TestSteps.step("bad", context -> {
                    calls.incrementAndGet();
                    throw StepFailure.permanent("column 'nhs_number' is missing");
                }),
                TestSteps.step("after", context -> {
                    downstream.incrementAndGet();
                    return StepResult.empty();
                })));
        engine.apply(TENANT, """
                name: bad
                steps:
                  - {id: a, type: bad, retry: {max_attempts: 5, initial_backoff: 10ms}}
                  - {id: b, type: after, needs: [a]}
                """, "alice");
        StartedRun run = engine.startRun(StartRun.latest(TENANT, "bad", "api:1", Map.of()));
        RunDetails details = awaitFinished(engine, run.runId());
        assertThat(details.run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(details.run().error()).contains("column 'nhs_number' is missing").contains("not retryable");
        assertThat(calls).hasValue(1);
        assertThat(downstream).hasValue(0);
        assertThat(step(details, "a").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(details, "b").status()).isEqualTo(StepStatus.PENDING);
        assertThat(engine.events(TENANT, run.runId(), 0, 100)).extracting(RunEvent::type)
                .doesNotContain(RunEventType.STEP_RETRYING).contains(RunEventType.STEP_FAILED, RunEventType.RUN_FAILED);
    }

    @Test
    void anAttemptThatOverrunsItsTimeoutIsInterruptedAndRetried() {
        AtomicInteger interrupted = new AtomicInteger();
        PipelineEngine engine = fixture.engine(StepTypes.of(TestSteps.step("slow", context -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return StepResult.empty();
        })));
        engine.apply(TENANT, """
                name: slow
                steps:
                  - {id: a, type: slow, timeout: 300ms, retry: {max_attempts: 2, initial_backoff: 10ms}}
                """, "alice");
        StartedRun run = engine.startRun(StartRun.latest(TENANT, "slow", "api:1", Map.of()));
        RunDetails details = awaitFinished(engine, run.runId());
        assertThat(details.run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(step(details, "a").attempt()).isEqualTo(2);
        assertThat(step(details, "a").error()).contains("timed out after PT0.3S").contains("no attempts left");
        assertThat(interrupted).hasValue(2);
        assertThat(engine.events(TENANT, run.runId(), 0, 100)).filteredOn(e -> e.type() == RunEventType.STEP_RETRYING)
                .singleElement().extracting(RunEvent::message).asString().contains("timed out");
    }

    @Test
    void cancellingARunningRunInterruptsItsStepAndStartsNothingElse() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger after = new AtomicInteger();
        PipelineEngine engine = fixture.engine(StepTypes.of(
                TestSteps.step("wait", context -> {
                    running.countDown();
                    while (!context.isCancelled()) {
                        Thread.sleep(20);
                    }
                    throw StepFailure.retryable("stopped");
                }),
                TestSteps.step("after", context -> {
                    after.incrementAndGet();
                    return StepResult.empty();
                })));
        engine.apply(TENANT, "name: c\nsteps:\n  - {id: a, type: wait}\n  - {id: b, type: after, needs: [a]}\n", "alice");
        StartedRun run = engine.startRun(StartRun.latest(TENANT, "c", "api:1", Map.of()));
        assertThat(running.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        RunSummary cancelled = engine.cancel(TENANT, run.runId());
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        EngineFixture.await(() -> step(engine.getRun(TENANT, run.runId()).orElseThrow(), "a").status() == StepStatus.CANCELLED,
                Duration.ofSeconds(10), () -> "step not cancelled");
        RunDetails details = engine.getRun(TENANT, run.runId()).orElseThrow();
        assertThat(step(details, "b").status()).isEqualTo(StepStatus.CANCELLED);
        Thread.sleep(300);
        assertThat(after).hasValue(0);
        assertThat(engine.cancel(TENANT, run.runId()).status()).isEqualTo(RunStatus.CANCELLED); // idempotent
        assertThatThrownBy(() -> engine.retry(TENANT, run.runId())).isInstanceOf(PipelineException.class)
                .extracting(e -> ((PipelineException) e).code()).isEqualTo(PipelineErrorCode.RUN_STATE_CONFLICT);
    }

    @Test
    void cancellingAQueuedRunMeansItNeverStarts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger starts = new AtomicInteger();
        PipelineEngine engine = fixture.engine(StepTypes.of(TestSteps.step("block", context -> {
            starts.incrementAndGet();
            release.await();
            return StepResult.empty();
        })), EngineFixture.fastSettings().withMaxRunningRuns(1));
        engine.apply(TENANT, "name: q\nconcurrency: 5\nsteps:\n  - {id: a, type: block}\n", "alice");
        StartedRun first = engine.startRun(StartRun.latest(TENANT, "q", "api:1", Map.of()));
        EngineFixture.await(() -> starts.get() == 1, Duration.ofSeconds(10), () -> "first run did not start");
        StartedRun second = engine.startRun(StartRun.latest(TENANT, "q", "api:2", Map.of()));
        Thread.sleep(300);
        assertThat(engine.getRun(TENANT, second.runId()).orElseThrow().run().status()).isEqualTo(RunStatus.QUEUED);
        engine.cancel(TENANT, second.runId());
        release.countDown();
        assertSucceeded(awaitFinished(engine, first.runId()));
        Thread.sleep(300);
        RunDetails details = engine.getRun(TENANT, second.runId()).orElseThrow();
        assertThat(details.run().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(details.run().startedAt()).isNull();
        assertThat(starts).hasValue(1);
    }

    @Test
    void retryResumesFromTheFailedStepOnly() {
        AtomicInteger firstRuns = new AtomicInteger();
        AtomicInteger lastRuns = new AtomicInteger();
        AtomicInteger fragileCalls = new AtomicInteger();
        PipelineEngine engine = fixture.engine(StepTypes.of(
                TestSteps.step("first", context -> {
                    firstRuns.incrementAndGet();
                    return StepResult.of(Map.of("rows", 3));
                }),
                TestSteps.step("fragile", context -> {
                    if (fragileCalls.incrementAndGet() == 1) {
                        throw StepFailure.permanent("target store refused");
                    }
                    return StepResult.of(Map.of("saw", context.upstreamOutputs().get("a").get("rows")));
                }),
                TestSteps.step("last", context -> {
                    lastRuns.incrementAndGet();
                    return StepResult.empty();
                })));
        engine.apply(TENANT, """
                name: r
                steps:
                  - {id: a, type: first}
                  - {id: b, type: fragile, needs: [a]}
                  - {id: c, type: last, needs: [b]}
                """, "alice");
        StartedRun run = engine.startRun(StartRun.latest(TENANT, "r", "api:1", Map.of()));
        assertThat(awaitFinished(engine, run.runId()).run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(engine.retry(TENANT, run.runId()).status()).isEqualTo(RunStatus.QUEUED);
        RunDetails details = awaitFinished(engine, run.runId());
        assertSucceeded(details);
        assertThat(details.run().retries()).isEqualTo(1);
        assertThat(firstRuns).hasValue(1);
        assertThat(fragileCalls).hasValue(2);
        assertThat(lastRuns).hasValue(1);
        assertThat(step(details, "b").attempt()).isEqualTo(2);
        assertThat(step(details, "b").output()).containsEntry("saw", 3);
        assertThat(step(details, "a").attempt()).isEqualTo(1);
        assertThatThrownBy(() -> engine.retry(TENANT, run.runId())).isInstanceOf(PipelineException.class);
        assertThatThrownBy(() -> engine.retry(TENANT, UUID.randomUUID()))
                .extracting(e -> ((PipelineException) e).code()).isEqualTo(PipelineErrorCode.RUN_NOT_FOUND);
    }

    @Test
    void definitionsAreVersionedOnlyWhenTheyChange() {
        PipelineEngine engine = fixture.engine(StepTypes.of(TestSteps.echo()));
        AppliedPipeline first = engine.apply(TENANT, "name: v\nsteps:\n  - {id: a, type: echo}\n", "alice");
        AppliedPipeline same = engine.apply(TENANT, "name: v\nsteps:\n  - id: a\n    type: echo\n", "bob");
        AppliedPipeline changed = engine.apply(TENANT, "name: v\nsteps:\n  - {id: a, type: echo, params: {value: 2}}\n", "bob");
        assertThat(first).isEqualTo(new AppliedPipeline(TENANT, "v", 1, true));
        assertThat(same).isEqualTo(new AppliedPipeline(TENANT, "v", 1, false));
        assertThat(changed).isEqualTo(new AppliedPipeline(TENANT, "v", 2, true));
        assertThat(engine.listVersions(TENANT, "v")).extracting(PipelineVersion::version).containsExactly(1, 2);
        assertThat(engine.getPipeline(TENANT, "v", null).orElseThrow().appliedBy()).isEqualTo("bob");
        assertThat(engine.getPipeline(TENANT, "v", 1).orElseThrow().definition().step("a").orElseThrow().params()).isEmpty();
        assertThat(engine.listPipelines("tenant-b")).isEmpty();
        assertThatThrownBy(() -> engine.apply(TENANT, "name: v\nsteps:\n  - {id: a, type: nope}\n", "alice"))
                .isInstanceOf(PipelineDefinitionException.class);
        assertThat(engine.listVersions(TENANT, "v")).hasSize(2);

        engine.setEnabled(TENANT, "v", false);
        assertThatThrownBy(() -> engine.startRun(StartRun.latest(TENANT, "v", "api:1", Map.of())))
                .extracting(e -> ((PipelineException) e).code()).isEqualTo(PipelineErrorCode.PIPELINE_DISABLED);
        engine.setEnabled(TENANT, "v", true);
        StartedRun pinned = engine.startRun(new StartRun(TENANT, "v", 1, "api:1", Map.of()));
        assertThat(pinned.pipelineVersion()).isEqualTo(1);
        assertThatThrownBy(() -> engine.startRun(StartRun.latest(TENANT, "ghost", "api:1", Map.of())))
                .extracting(e -> ((PipelineException) e).code()).isEqualTo(PipelineErrorCode.PIPELINE_NOT_FOUND);
    }

    @Test
    void storedVersionsStayReadableWhenAStepTypeIsNoLongerInstalled() {
        PipelineEngine before = fixture.engine(StepTypes.of(TestSteps.echo(), TestSteps.step("retired",
                context -> StepResult.empty())));
        before.apply(TENANT, "name: old\nsteps:\n  - {id: a, type: echo}\n  - {id: b, type: retired, needs: [a]}\n", "alice");
        UUID done = before.startRun(StartRun.latest(TENANT, "old", "api:1", Map.of())).runId();
        assertSucceeded(awaitFinished(before, done));
        before.close();

        PipelineEngine after = fixture.engine(StepTypes.of(TestSteps.echo()));
        assertThat(after.getRun(TENANT, done).orElseThrow().steps()).extracting(StepState::type).containsExactly("echo", "retired");
        assertThat(after.listPipelines(TENANT)).extracting(PipelineVersion::name).containsExactly("old");
        UUID run = after.startRun(StartRun.latest(TENANT, "old", "api:2", Map.of())).runId();
        RunDetails details = awaitFinished(after, run);
        assertThat(details.run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(step(details, "b").error()).contains("step type 'retired' is not available").contains("not retryable");
        assertThatThrownBy(() -> after.apply(TENANT, "name: new\nsteps:\n  - {id: b, type: retired}\n", "alice"))
                .isInstanceOf(PipelineDefinitionException.class);
    }

    @Test
    void uploadTriggersStartOneRunPerObjectAndMatchingPipeline() {
        PipelineEngine engine = fixture.engine(StepTypes.of(TestSteps.echo()));
        engine.apply(TENANT, """
                name: csvs
                triggers:
                  - upload: {source: hospital, glob: "incoming/**/*.csv"}
                steps:
                  - {id: a, type: echo}
                """, "alice");
        engine.apply(TENANT, "name: other\ntriggers:\n  - upload: {source: lab, glob: \"*\"}\nsteps:\n  - {id: a, type: echo}\n", "alice");
        ObjectAdded object = new ObjectAdded(TENANT, "src-1", "hospital", "incoming/2026/a.csv", "ab12", Map.of("uploader", "u1"));
        List<StartedRun> runs = engine.onObjectAdded(object);
        assertThat(runs).singleElement().satisfies(run -> assertThat(run.created()).isTrue());
        assertThat(engine.onObjectAdded(object)).singleElement().satisfies(run -> {
            assertThat(run.created()).isFalse();
            assertThat(run.runId()).isEqualTo(runs.get(0).runId());
        });
        assertThat(engine.onObjectAdded(new ObjectAdded(TENANT, "src-1", "hospital", "incoming/a.json", "cd34", Map.of()))).isEmpty();
        RunDetails details = awaitFinished(engine, runs.get(0).runId());
        assertThat(details.run().triggerKey()).isEqualTo("upload:ab12");
        assertThat(details.run().inputs()).containsEntry("path", "incoming/2026/a.csv").containsEntry("sha256", "ab12")
                .containsEntry("source_id", "src-1").containsEntry("uploader", "u1");
        RunPage page = engine.listRuns(new RunQuery(TENANT, "csvs", RunStatus.SUCCEEDED, null, 10));
        assertThat(page.runs()).extracting(RunSummary::runId).containsExactly(runs.get(0).runId());
    }

    @Test
    void listingPagesNewestFirst() {
        PipelineEngine engine = fixture.engine(StepTypes.of(TestSteps.echo()));
        engine.apply(TENANT, "name: l\nconcurrency: 10\nsteps:\n  - {id: a, type: echo}\n", "alice");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(engine.startRun(StartRun.latest(TENANT, "l", "api:" + i, Map.of())).runId());
        }
        RunPage first = engine.listRuns(new RunQuery(TENANT, null, null, null, 2));
        RunPage second = engine.listRuns(new RunQuery(TENANT, null, null, first.nextCursor(), 2));
        RunPage third = engine.listRuns(new RunQuery(TENANT, null, null, second.nextCursor(), 2));
        assertThat(first.runs()).extracting(RunSummary::runId).containsExactly(ids.get(4), ids.get(3));
        assertThat(second.runs()).extracting(RunSummary::runId).containsExactly(ids.get(2), ids.get(1));
        assertThat(third.runs()).extracting(RunSummary::runId).containsExactly(ids.get(0));
        assertThat(third.nextCursor()).isNull();
        assertThatThrownBy(() -> engine.listRuns(new RunQuery(TENANT, null, null, "x'--", 2)))
                .extracting(e -> ((PipelineException) e).code()).isEqualTo(PipelineErrorCode.REQUEST_INVALID);
    }
}
