package org.haven.bench.http;

import java.util.Arrays;

/**
 * Every latency of a phase, in nanoseconds. Kept whole rather than bucketed: a 20 s phase on this machine is a few
 * hundred thousand values, and exact percentiles cost one sort.
 */
public final class Latencies {

    private long[] values = new long[1 << 14];
    private int size;
    private boolean sorted;

    void record(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
        sorted = false;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            record(other.values[i]);
        }
    }

    public int count() {
        return size;
    }

    /** Nearest-rank percentile, in milliseconds. */
    public double percentileMillis(double percentile) {
        if (size == 0) {
            return Double.NaN;
        }
        sort();
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return values[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    public double maxMillis() {
        if (size == 0) {
            return Double.NaN;
        }
        sort();
        return values[size - 1] / 1e6;
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }
}
