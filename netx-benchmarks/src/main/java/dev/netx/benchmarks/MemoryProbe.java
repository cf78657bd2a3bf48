package dev.netx.benchmarks;

import dev.netx.Netx;
import dev.netx.Orchestrator;
import dev.netx.Result;
import dev.netx.SagaCall;
import dev.netx.SagaContext;
import dev.netx.Step;
import dev.netx.TypeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures Redis memory per saga: starts sagas of workload (a)'s shape whose first step waits on a
 * gate, reads {@code used_memory} once all are in Redis, opens the gate, reads it again when all have
 * ended, and once more after the retention, when finished sagas' state must be gone and the streams
 * trimmed. Blocking.
 */
public final class MemoryProbe {

    private static final Logger log = LoggerFactory.getLogger(MemoryProbe.class);
    private static final Duration WAIT = Duration.ofSeconds(120);

    private MemoryProbe() {
    }

    /**
     * Runs the probe on an emptied Redis.
     *
     * @param sagas        how many sagas to hold in flight at once
     * @param retention    {@code netx.retention} of the node; it counts from a saga's last event, so it must
     *                     outlast starting every saga
     * @param trimInterval {@code netx.trim-interval} of the node
     */
    public static MemoryFigures measure(RedisTarget target, int sagas, Duration retention, Duration trimInterval)
            throws InterruptedException, TimeoutException {
        RedisStats stats = target.stats();
        stats.flushAll();
        CompletableFuture<Void> gate = new CompletableFuture<>();
        try (NodeGroup nodes = new NodeGroup(target, new RequestCounter(), "memory", 16,
                options -> options.retention(retention).trimInterval(trimInterval))) {
            Netx node = nodes.start("order", 0, builder -> {
            });
            Orchestrator<Order, String> gated = node.orchestrators().create("gated", Order.class)
                    .start(Step.localAsync(TypeRef.of(Order.class),
                            (Order order, SagaContext context) -> gate.thenApply(open -> order), null))
                    .join(Step.local(Order.class, (Order order, SagaContext context) -> order, (order, context) -> {
                    }))
                    .commit(Step.local(String.class, (Order order, SagaContext context) -> order.id()));
            long baseMemory = stats.usedMemory();
            long baseKeys = stats.keys();
            SagaCall call = SagaCall.defaults().withTimeout(WAIT);
            List<CompletableFuture<Result<String>>> results = new ArrayList<>(sagas);
            for (int i = 0; i < sagas; i++) {
                results.add(gated.saga(Order.of(i), call));
            }
            // Each started saga holds one key: its state hash (its idempotency records are fields of it).
            awaitKeys(stats, baseKeys + sagas);
            Thread.sleep(500);
            long inFlight = stats.usedMemory() - baseMemory;
            gate.complete(null);
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long finished = stats.usedMemory() - baseMemory;
            Thread.sleep(retention.plus(trimInterval.multipliedBy(2)).plusSeconds(1).toMillis());
            long after = stats.usedMemory() - baseMemory;
            long keysAfter = stats.keys();
            log.info("memory: {} in flight {} B, finished {} B, after retention {} B, {} keys", sagas, inFlight,
                    finished, after, keysAfter);
            return new MemoryFigures(sagas, round(inFlight * 10_000.0 / sagas / 1048576.0),
                    Math.round((double) finished / sagas), retention.toSeconds(), round(after / 1048576.0),
                    keysAfter);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a gated saga failed", e.getCause());
        } finally {
            gate.complete(null);
        }
    }

    private static void awaitKeys(RedisStats stats, long keys) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (stats.keys() < keys) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("sagas did not all start within " + WAIT);
            }
            Thread.sleep(50);
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
