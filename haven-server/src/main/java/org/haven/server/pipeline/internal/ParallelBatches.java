package org.haven.server.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Applies a function to each element of a batch on one thread per core, answering the results in the batch's order.
 * For a step whose per-element work is independent and CPU-bound (parsing), while what consumes the results (a
 * single-threaded writer) stays on the step's own thread. The threads live as long as this object.
 */
final class ParallelBatches<T, R> implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Function<T, R> function;
    private final int threads;
    private final ExecutorService pool;

    ParallelBatches(String name, Function<T, R> function) {
        this.function = function;
        this.threads = Runtime.getRuntime().availableProcessors();
        int poolNumber = POOLS.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, name + "-" + poolNumber + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The function's results for the batch, in order; the first failure of any element is thrown. */
    List<R> apply(List<T> batch) throws InterruptedException {
        if (pool == null || batch.size() < threads * 4) {
            return batch.stream().map(function).toList();
        }
        int slice = (batch.size() + threads - 1) / threads;
        List<Future<List<R>>> slices = new ArrayList<>(threads);
        for (int from = 0; from < batch.size(); from += slice) {
            List<T> part = batch.subList(from, Math.min(batch.size(), from + slice));
            slices.add(pool.submit(() -> part.stream().map(function).toList()));
        }
        List<R> results = new ArrayList<>(batch.size());
        try {
            for (Future<List<R>> part : slices) {
                results.addAll(part.get());
            }
        } catch (ExecutionException e) {
            slices.forEach(part -> part.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
