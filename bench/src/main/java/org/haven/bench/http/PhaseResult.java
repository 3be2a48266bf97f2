package org.haven.bench.http;

import java.util.ArrayList;
import java.util.List;

/** What one or more phases against one endpoint measured; phases of the same endpoint add up. */
public final class PhaseResult {

    private static final int ERROR_SAMPLES = 5;

    private final Endpoint endpoint;
    private final Latencies latencies = new Latencies();
    private final List<String> errorSamples = new ArrayList<>();
    private long errors;
    private long elapsedNanos;
    private CpuMeter.Sample cpu = new CpuMeter.Sample(0, 0, 0);

    public PhaseResult(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    synchronized void add(Latencies threadLatencies, long threadErrors, List<String> threadErrorSamples) {
        latencies.addAll(threadLatencies);
        errors += threadErrors;
        for (String sample : threadErrorSamples) {
            if (errorSamples.size() < ERROR_SAMPLES) {
                errorSamples.add(sample);
            }
        }
    }

    synchronized void addPhase(long phaseElapsedNanos, CpuMeter.Sample phaseCpu) {
        elapsedNanos += phaseElapsedNanos;
        cpu = new CpuMeter.Sample(cpu.serverNanos() + phaseCpu.serverNanos(),
                cpu.postgresNanos() + phaseCpu.postgresNanos(), cpu.loadNanos() + phaseCpu.loadNanos());
    }

    public synchronized void merge(PhaseResult other) {
        add(other.latencies, other.errors, other.errorSamples);
        addPhase(other.elapsedNanos, other.cpu);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Requests answered, errors included: every one was timed. */
    public long requests() {
        return latencies.count();
    }

    public long errors() {
        return errors;
    }

    public List<String> errorSamples() {
        return errorSamples;
    }

    public Latencies latencies() {
        return latencies;
    }

    public double throughput() {
        return requests() / (elapsedNanos / 1e9);
    }

    /** CPU microseconds per request: server JVM, PostgreSQL, load generator. */
    public double[] cpuMicrosPerRequest() {
        double requests = Math.max(1, requests());
        return new double[] {
            cpu.serverNanos() / 1e3 / requests, cpu.postgresNanos() / 1e3 / requests, cpu.loadNanos() / 1e3 / requests
        };
    }
}
