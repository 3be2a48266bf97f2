package org.haven.server.ratelimit.internal;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A bucket store in a map, for the filters' unit tests: the real Bucket4j arithmetic without a database. It can be
 * switched off to stand for a database that cannot be reached.
 */
final class InMemoryBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final ConcurrentMap<String, byte[]> states = new ConcurrentHashMap<>();
    private volatile boolean unavailable;

    InMemoryBuckets(TimeMeter clock) {
        super(ClientSideConfig.getDefault().withClientClock(clock));
    }

    void makeUnavailable() {
        unavailable = true;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                if (unavailable) {
                    throw new IllegalStateException("bucket store unavailable");
                }
                return Optional.ofNullable(states.get(key));
            }

            @Override
            public boolean compareAndSwap(byte[] original, byte[] updated, RemoteBucketState state, Optional<Long> timeoutNanos) {
                boolean[] swapped = {false};
                states.compute(key, (ignored, current) -> {
                    if (Arrays.equals(current, original)) {
                        swapped[0] = true;
                        return updated;
                    }
                    return current;
                });
                return swapped[0];
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("the rate limiter only takes tokens synchronously");
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("the rate limiter only takes tokens synchronously");
    }

    @Override
    public void removeProxy(String key) {
        states.remove(key);
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
