package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a compensation run only once: not if its idempotency key is recorded as done, not in a group
 * that never took part (when that matters), and only on the node holding its lease (renewed while
 * it runs), by one of its deliveries at a time: the same compensation may be delivered twice at once
 * (from the events stream and, queued late, from the group's inbox).
 */
final class CompensationLeases {

    private static final Logger log = LoggerFactory.getLogger(CompensationLeases.class);

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final Deliveries deliveries;

    CompensationLeases(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis,
            Deliveries deliveries) {
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.deliveries = deliveries;
    }

    /**
     * Runs {@code compensation} if this node may; otherwise acknowledges or leaves the message.
     *
     * @param tookPart whether the group must have taken part in the saga (choreography)
     */
    void begin(Delivery delivery, String sagaId, String key, boolean tookPart, Runnable compensation) {
        int shard = delivery.shard();
        String lease = keys.lease(shard, key);
        String[] scriptKeys = {keys.saga(shard, sagaId), lease};
        Scripts.BEGIN.<String>run(redis, ScriptOutputType.STATUS, scriptKeys, options.group(), key, options.nodeName(),
                Long.toString(options.orphanTimeout().toMillis()), tookPart ? "1" : "0")
                .whenComplete((verdict, failure) -> {
                    if (failure != null) {
                        deliveries.leave(delivery, "cannot begin compensation: " + failure, sagaId);
                    } else if ("RUN".equals(verdict) && deliveries.holdLease(delivery, lease)) {
                        compensation.run();
                    } else if ("RUN".equals(verdict)) {
                        // the lease is this node's: another delivery of the same compensation runs here
                        log.info("saga {}: compensation {} is running on this node, leaving it", sagaId, key);
                        deliveries.done(delivery);
                    } else if ("GONE".equals(verdict)) {
                        // never acknowledged as done: after its retries it is dead-lettered with the reason
                        deliveries.leave(delivery, "the saga's state is gone (expired), so whether group "
                                + options.group() + " took part cannot be told: compensation " + key + " not run",
                                sagaId);
                    } else if (verdict.startsWith("BUSY")) {
                        log.info("saga {}: compensation {} is running on {}, leaving it", sagaId, key,
                                verdict.substring(5));
                        deliveries.done(delivery);
                    } else {
                        log.debug("saga {}: compensation {} not run: {}", sagaId, key, verdict);
                        deliveries.ack(delivery);
                    }
                });
    }
}
