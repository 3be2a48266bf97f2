package org.haven.pipelines;

import java.util.List;

/** A run with its steps in definition order. */
public record RunDetails(RunSummary run, List<StepState> steps) {}
