package org.haven.pipelines;

import java.util.List;

/** One page of runs; {@code nextCursor} is null on the last page. */
public record RunPage(List<RunSummary> runs, String nextCursor) {}
