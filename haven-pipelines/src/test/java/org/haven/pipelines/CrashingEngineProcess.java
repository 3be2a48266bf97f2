package org.haven.pipelines;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The main class of a child JVM that runs an engine whose {@code effect} step records that it started and then
 * hangs, so the test can SIGKILL the process in the middle of the step.
 */
public final class CrashingEngineProcess {

    static final String READY = "engine-started";

    private CrashingEngineProcess() {}

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        PipelineEngine engine = PipelineEngine.builder(dataSource)
                .settings(CrashResumeIT.settings())
                .stepTypes(CrashResumeIT.stepTypes("child", Duration.ofHours(1)))
                .instanceName("child")
                .build();
        engine.start();
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Records each attempt's start in its own committed transaction, before the step does its work. */
    static void recordStart(javax.sql.DataSource dataSource, StepContext context, String process) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO crash_step_starts (run_id, step_id, attempt, process) VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, context.runId());
            insert.setString(2, context.stepId());
            insert.setInt(3, context.attempt());
            insert.setString(4, process);
            insert.executeUpdate();
        }
    }
}
