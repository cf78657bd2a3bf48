package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.TimelineEntry;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages this node holds: each with one backpressure permit, from delivery until it is
 * acknowledged, finished by a script, or left pending (with its reason) for a later retry.
 */
final class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final Permits permits;
    private final Activity activity;
    private final Map<String, Delivery> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final Map<String, String> leases = new ConcurrentHashMap<>();
    /** Lease key to the delivery of this node running under it. */
    private final Map<String, String> leaseHolders = new ConcurrentHashMap<>();

    Deliveries(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis, Permits permits,
            Activity activity) {
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.permits = permits;
        this.activity = activity;
    }

    /** Takes a delivery whose permit the caller holds; false (permit returned) if it is held already. */
    boolean track(Delivery delivery) {
        if (inFlight.putIfAbsent(delivery.key(), delivery) != null) {
            permits.release(1);
            return false;
        }
        startedAt.put(delivery.key(), System.nanoTime());
        return true;
    }

    /** Acknowledges a message that needs nothing more, then lets it go. */
    void ack(Delivery delivery) {
        redis.xack(delivery.stream(), options.group(), delivery.id()).whenComplete((n, error) -> {
            if (error != null) {
                log.warn("could not acknowledge {} {}, it stays pending: {}", delivery.stream(), delivery.id(),
                        error.toString());
            }
            done(delivery);
        });
    }

    /** Leaves a message pending, with why, for the claimer to retry or dead-letter. */
    void leave(Delivery delivery, String reason, String sagaId) {
        log.warn("saga {}: message {} on {} left pending for retry: {}", sagaId, delivery.id(), delivery.stream(),
                reason);
        activity.left();
        long ttl = options.orphanTimeout().toMillis() * (options.maxDeliveries() + 2L);
        if (options.history() && sagaId != null) {
            Timeline.note(redis, keys, sagaId, Timeline.PREFIX + "l:" + delivery.id() + ":" + options.group() + ":"
                    + delivery.deliveryCount(), Timeline.encode(TimelineEntry.Event.LEFT_FOR_RETRY, options.group(),
                    options.nodeName(), -1, "", delivery.deliveryCount(), true, null, reason));
        }
        redis.set(keys.failurePrefix(delivery.shard(), options.group()) + delivery.id(), reason,
                SetArgs.Builder.px(ttl)).whenComplete((ok, error) -> done(delivery));
    }

    /**
     * Leaves a message pending that this node cannot run (its saga is pinned to an orchestrator version
     * the node does not declare), for the claimers of the group to pass on until a node that can takes
     * it; the claim script dead-letters it only once {@link NetxOptions#versionWait()} has passed since
     * it was first left.
     */
    void waitForVersion(Delivery delivery, String reason, String sagaId) {
        log.warn("saga {}: message {} on {} left for a node of another version: {}", sagaId, delivery.id(),
                delivery.stream(), reason);
        long ttl = options.versionWait().toMillis() + options.orphanTimeout().toMillis() * (options.maxDeliveries() + 2L);
        redis.set(keys.failurePrefix(delivery.shard(), options.group()) + delivery.id(),
                "V" + System.currentTimeMillis() + "|" + reason, SetArgs.Builder.nx().px(ttl))
                .whenComplete((ok, error) -> done(delivery));
    }

    /** Lets a message go: its permit returns. */
    void done(Delivery delivery) {
        startedAt.remove(delivery.key());
        String lease = leases.remove(delivery.key());
        if (lease != null) {
            leaseHolders.remove(lease, delivery.key());
        }
        if (inFlight.remove(delivery.key()) != null) {
            activity.handled();
            permits.release(1);
        }
    }

    /**
     * Records the compensation lease a delivery holds, to be renewed while it runs; false if another
     * delivery of this node runs under it (the same compensation, delivered twice at once).
     */
    boolean holdLease(Delivery delivery, String lease) {
        String holder = leaseHolders.putIfAbsent(lease, delivery.key());
        if (holder != null && !holder.equals(delivery.key())) {
            return false;
        }
        leases.put(delivery.key(), lease);
        return true;
    }

    /** The compensation lease a running delivery holds, or {@code null}. */
    String leaseOf(Delivery delivery) {
        return leases.get(delivery.key());
    }

    /** Messages held for longer than {@code nanos}, for claim refreshing. */
    List<Delivery> heldLongerThan(long nanos) {
        long now = System.nanoTime();
        List<Delivery> result = new ArrayList<>();
        startedAt.forEach((key, started) -> {
            Delivery delivery = inFlight.get(key);
            if (delivery != null && now - started > nanos) {
                result.add(delivery);
            }
        });
        return result;
    }

    boolean isHeld(String stream, String id) {
        return inFlight.containsKey(stream + "#" + id);
    }

    int count() {
        return inFlight.size();
    }
}
