package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.RateLimit;
import dev.netx.SagaRejectedException;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group's rate limits (see {@link dev.netx.RateLimits}), each a permit counter in Redis shared by
 * the group's nodes: an orchestrator's start past its limit is refused, a participant handler's call
 * past its limit waits for its permit.
 */
final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    static final String ORCHESTRATORS = "netx.rate-limits.orchestrators.";

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final Executor executor;

    RateLimiter(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis,
            Executor executor) {
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.executor = executor;
    }

    /** Whether starts of the orchestrator are limited. */
    boolean limitsStarts(String orchestrator) {
        return options.rateLimits().orchestrators().containsKey(orchestrator);
    }

    /**
     * Takes a permit for a start of the orchestrator; completes exceptionally with
     * {@link SagaRejectedException} when none is free now. While Redis cannot be asked, the start goes
     * on (its own write rides out the outage, or fails).
     */
    CompletableFuture<Void> admitStart(String orchestrator) {
        RateLimit limit = options.rateLimits().orchestrators().get(orchestrator);
        return take(keys.rateLimit(options.group(), "o", orchestrator), limit, false).handle((wait, failure) -> {
            if (failure != null) {
                log.warn("the rate limit of orchestrator {} could not be asked of Redis, the start goes on: {}",
                        orchestrator, failure.toString());
            } else if (wait > 0) {
                throw new SagaRejectedException(ORCHESTRATORS + orchestrator, "orchestrator " + orchestrator
                        + " starts at most " + limit.perSecond() + " sagas a second (a burst of " + limit.burst()
                        + ")", Duration.ofMillis(wait));
            }
            return null;
        });
    }

    /** Warns of limits that name no orchestrator or participant handler of this node: a typo, likely. */
    void warnOfUnknownNames(Set<String> orchestrators, Set<String> handlers) {
        options.rateLimits().orchestrators().keySet().stream().filter(name -> !orchestrators.contains(name))
                .forEach(name -> log.warn("{}{} names no orchestrator of group {} on this node", ORCHESTRATORS, name,
                        options.group()));
        options.rateLimits().handlers().keySet().stream().filter(name -> !handlers.contains(name))
                .forEach(name -> log.warn("netx.rate-limits.handlers.{} names no participant handler of group {} on "
                        + "this node", name, options.group()));
    }

    /**
     * Runs {@code call} once the handler's limit gives it a permit: at once when it has no limit or a
     * permit is free, later on the given executor otherwise, and at once when Redis cannot be asked.
     */
    void whenPermitted(String handler, Runnable call) {
        RateLimit limit = options.rateLimits().handlers().get(handler);
        if (limit == null) {
            call.run();
            return;
        }
        take(keys.rateLimit(options.group(), "h", handler), limit, true).whenComplete((wait, failure) -> {
            if (failure != null) {
                log.warn("the rate limit of participant handler {} could not be asked of Redis, the call goes on "
                        + "unlimited: {}", handler, failure.toString());
                call.run();
            } else if (wait == 0) {
                call.run();
            } else {
                // a timer of its own, not the node's scheduler, whose housekeeping would make it late
                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS, executor).execute(call);
            }
        });
    }

    private CompletableFuture<Long> take(String key, RateLimit limit, boolean waitForIt) {
        return Scripts.RATE.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {key},
                Double.toString(limit.intervalMillis()), Integer.toString(limit.burst()), waitForIt ? "1" : "0");
    }
}
