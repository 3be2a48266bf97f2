package org.haven.pipelines;

/**
 * Told about events this process committed (not those of other processes: poll {@code PipelineEngine.events} for
 * those). Called after the commit on an engine thread; must return quickly and not throw.
 */
@FunctionalInterface
public interface RunEventListener {
    void onEvent(RunEvent event);
}
