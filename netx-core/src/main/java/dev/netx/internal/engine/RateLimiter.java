package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.RateLimit;
import dev.netx.SagaRejectedException;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group's rate limits (see {@link dev.netx.RateLimits}), each a permit counter in Redis shared by
 * the group's nodes: an orchestrator's start past its limit is refused, a participant handler's call
 * past its limit waits for its permit.
 */
final class RateLimiter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    static final String ORCHESTRATORS = "netx.rate-limits.orchestrators.";
    static final String HANDLERS = "netx.rate-limits.handlers.";
    /** How far ahead a call takes its permit. */
    static final Duration HORIZON = Duration.ofSeconds(2);

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final Executor executor;
    private final Deliveries deliveries;
    /** A timer of its own, not the node's scheduler, whose housekeeping would make calls late. */
    private final ScheduledExecutorService timer;
    private final Set<Delivery> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean unreachable = new AtomicBoolean();

    RateLimiter(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis,
            Executor executor, Deliveries deliveries) {
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.executor = executor;
        this.deliveries = deliveries;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "netx-rate-limits");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether starts of the orchestrator are limited. */
    boolean limitsStarts(String orchestrator) {
        return options.rateLimits().orchestrators().containsKey(orchestrator);
    }

    /**
     * Takes a permit for a start of the orchestrator, if one is free now: completes with {@code null},
     * or with the {@link SagaRejectedException} that refuses the start. While Redis cannot be asked,
     * the start goes on (its own write rides out the outage, or fails).
     */
    CompletableFuture<SagaRejectedException> admitStart(String orchestrator) {
        RateLimit limit = options.rateLimits().orchestrators().get(orchestrator);
        return take(keys.orchestratorRateLimit(options.group(), orchestrator), limit, 0).handle((wait, failure) -> {
            if (failure != null) {
                if (unreachable.compareAndSet(false, true)) {
                    log.warn("rate limits cannot be asked of Redis, starts go on unlimited until it answers: {}",
                            failure.toString());
                }
                return null;
            }
            if (wait == 0) {
                return null;
            }
            return new SagaRejectedException(ORCHESTRATORS + orchestrator, "orchestrator " + orchestrator
                    + " starts " + limit.perSecond() + " sagas a second on average (bursts of " + limit.burst() + ")",
                    Duration.ofMillis(wait));
        });
    }

    /** Warns of limits that name no orchestrator or participant handler of this node: a typo, likely. */
    void warnOfUnknownNames(Set<String> orchestrators, Set<String> handlers) {
        options.rateLimits().orchestrators().keySet().stream().filter(name -> !orchestrators.contains(name))
                .forEach(name -> log.warn("{}{} names no orchestrator of group {} on this node", ORCHESTRATORS, name,
                        options.group()));
        options.rateLimits().handlers().keySet().stream().filter(name -> !handlers.contains(name))
                .forEach(name -> log.warn("{}{} names no participant handler of group {} on this node", HANDLERS,
                        name, options.group()));
    }

    /**
     * Runs {@code call} once the handler's limit gives it a permit: at once when it has no limit or a
     * permit is free, later on the handler executor otherwise, and at once when Redis cannot be asked.
     * A permit is taken at most {@link #HORIZON} ahead, so that calls a node will not reach soon (or
     * never, if it dies) hold no permits; a call further out asks again when its turn nears.
     * Meanwhile the call's delivery stays with this node, holding one of its backpressure permits. A
     * call that cannot be run is left pending for another try; on {@link #close()}, the calls still
     * waiting are left pending, for another node.
     */
    void whenPermitted(String handler, Delivery delivery, String sagaId, Runnable call) {
        RateLimit limit = options.rateLimits().handlers().get(handler);
        if (limit == null) {
            call.run();
            return;
        }
        take(keys.handlerRateLimit(options.group(), handler), limit, HORIZON.toMillis())
                .whenComplete((wait, failure) -> {
            if (failure != null) {
                if (unreachable.compareAndSet(false, true)) {
                    log.warn("rate limits cannot be asked of Redis, calls go on unlimited until it answers: {}",
                            failure.toString());
                }
                run(delivery, sagaId, call);
                return;
            }
            if (unreachable.compareAndSet(true, false)) {
                log.info("rate limits are asked of Redis again");
            }
            if (wait == 0) {
                run(delivery, sagaId, call);
            } else if (wait <= HORIZON.toMillis()) {
                later(delivery, sagaId, wait, () -> run(delivery, sagaId, call));
            } else {
                later(delivery, sagaId, wait - HORIZON.toMillis() / 2,
                        () -> whenPermitted(handler, delivery, sagaId, call));
            }
        });
    }

    private void later(Delivery delivery, String sagaId, long delay, Runnable action) {
        waiting.add(delivery);
        try {
            timer.schedule(() -> {
                if (waiting.remove(delivery)) {
                    action.run();
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: the message stays pending for another node
            waiting.remove(delivery);
            deliveries.done(delivery);
        }
    }

    private void run(Delivery delivery, String sagaId, Runnable call) {
        try {
            executor.execute(call);
        } catch (RuntimeException e) {
            deliveries.leave(delivery, "the call could not be run after its rate permit: " + e, sagaId);
        }
    }

    /** Stops the timer; the calls still waiting for a permit are left pending, for another node. */
    @Override
    public void close() {
        timer.shutdownNow();
        for (Delivery delivery : List.copyOf(waiting)) {
            if (waiting.remove(delivery)) {
                deliveries.done(delivery);
            }
        }
    }

    private CompletableFuture<Long> take(String key, RateLimit limit, long longestWait) {
        return Scripts.RATE.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {key},
                Double.toString(limit.intervalMillis()), Integer.toString(limit.burst()), Long.toString(longestWait));
    }
}
