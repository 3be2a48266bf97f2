package org.haven.bench.ingest;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Samples the JVM heap every few milliseconds: the most ever in use (garbage included), and the most still live
 * after a collection, read from the collectors' last-collection figures.
 */
final class HeapWatch implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakUsed;
    private volatile long peakAfterGc;

    HeapWatch() {
        thread = new Thread(this::sample, "heap-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            peakUsed = Math.max(peakUsed, used);
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (collector instanceof com.sun.management.GarbageCollectorMXBean detailed
                        && detailed.getLastGcInfo() != null) {
                    long live = detailed.getLastGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(pool -> isHeapPool(pool.getKey()))
                            .map(java.util.Map.Entry::getValue)
                            .mapToLong(MemoryUsage::getUsed).sum();
                    peakAfterGc = Math.max(peakAfterGc, live);
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean isHeapPool(String name) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(pool -> pool.getName().equals(name) && pool.getType() == java.lang.management.MemoryType.HEAP);
    }

    long peakUsed() {
        return peakUsed;
    }

    long peakAfterGc() {
        return peakAfterGc;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
