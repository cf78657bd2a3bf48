package dev.netx.internal.engine;

import dev.netx.DeadLetter;
import dev.netx.DeadLetterListener;
import dev.netx.TimelineEntry;
import dev.netx.NetxOptions;
import dev.netx.internal.redis.KeySpace;
import dev.netx.spi.NetxObserver;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over messages that a silent consumer of this group left pending longer than the orphan
 * timeout, dead-letters those delivered too often, and keeps this node's own long-running claims
 * fresh so that no one takes them while it is alive. Runs on one scheduler thread.
 */
final class OrphanClaimer {

    private static final Logger log = LoggerFactory.getLogger(OrphanClaimer.class);
    private static final int MAX_CLAIM = 100;
    /** How long a round with orphans left waits at most for a permit before it looks again. */
    private static final Duration BACKLOG_WAIT = Duration.ofMillis(100);

    private final NetxOptions options;
    private final KeySpace keys;
    private final ConsumerGroups groups;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final Permits permits;
    private final Dispatcher dispatcher;
    private final Deliveries deliveries;
    private final List<DeadLetterListener> deadLetterListeners;
    private final NetxObserver observer;
    private final Orchestrations orchestrations;
    private final Map<String, String> cursors = new HashMap<>();

    OrphanClaimer(NetxOptions options, KeySpace keys, ConsumerGroups groups, RedisClusterAsyncCommands<String, String> redis,
            Permits permits, Dispatcher dispatcher, Deliveries deliveries, List<DeadLetterListener> deadLetterListeners,
            NetxObserver observer, Orchestrations orchestrations) {
        this.options = options;
        this.keys = keys;
        this.groups = groups;
        this.redis = redis;
        this.permits = permits;
        this.dispatcher = dispatcher;
        this.deliveries = deliveries;
        this.deadLetterListeners = deadLetterListeners;
        this.observer = observer;
        this.orchestrations = orchestrations;
    }

    /**
     * One round over the given shards: refresh own claims, then claim orphans. While orphans are left
     * (a page came back full) it goes on claiming as permits free up, for up to half the orphan
     * timeout, so that a long pending list drains as fast as this node handles it rather than one
     * page per stream per round. Never throws.
     */
    void tick(int shards) {
        long start = System.nanoTime();
        long budget = options.orphanTimeout().toNanos() / 2;
        long refreshEvery = options.orphanTimeout().toNanos() / 6;
        long refreshed = start - refreshEvery;
        try {
            boolean more = true;
            while (more) {
                if (System.nanoTime() - refreshed >= refreshEvery) {
                    refreshOwnClaims();
                    refreshed = System.nanoTime();
                }
                more = false;
                for (int shard = 0; shard < shards; shard++) {
                    for (String stream : groups.streams(shard)) {
                        claim(shard, stream);
                        more |= !"-".equals(cursors.getOrDefault(stream, "-"));
                    }
                }
                long left = budget - (System.nanoTime() - start);
                if (more && left > 0) {
                    permits.awaitFree(Duration.ofNanos(Math.min(left, BACKLOG_WAIT.toNanos())));
                }
                more &= System.nanoTime() - start < budget;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("orphan claim round failed, next round retries: {}", e.toString());
        }
    }

    private void refreshOwnClaims() {
        long threshold = options.orphanTimeout().toNanos() / 3;
        Map<String, List<Delivery>> byStream = new LinkedHashMap<>();
        for (Delivery delivery : deliveries.heldLongerThan(threshold)) {
            byStream.computeIfAbsent(delivery.stream(), s -> new ArrayList<>()).add(delivery);
        }
        byStream.forEach((stream, held) -> {
            List<String> scriptKeys = new ArrayList<>();
            scriptKeys.add(stream);
            List<String> args = new ArrayList<>(held.size() + 3);
            args.add(options.group());
            args.add(options.nodeName());
            args.add(Long.toString(options.orphanTimeout().toMillis()));
            for (Delivery delivery : held) {
                args.add(delivery.id());
                String lease = deliveries.leaseOf(delivery);
                if (lease != null) {
                    scriptKeys.add(lease);
                }
            }
            await(Scripts.REFRESH.<Long>run(redis, ScriptOutputType.INTEGER, scriptKeys.toArray(String[]::new),
                    args.toArray(String[]::new)));
        });
    }

    private void claim(int shard, String stream) {
        int taken = permits.tryAcquireUpTo(MAX_CLAIM);
        if (taken == 0) {
            return;
        }
        List<Object> reply;
        try {
            String start = cursors.getOrDefault(stream, "-");
            reply = await(Scripts.CLAIM.<List<Object>>run(redis, ScriptOutputType.MULTI,
                    new String[] {stream, keys.deadLetters(shard), keys.failurePrefix(shard, options.group())},
                    options.group(), options.nodeName(), Long.toString(options.orphanTimeout().toMillis()), start,
                    Integer.toString(taken), Integer.toString(options.maxDeliveries()),
                    Long.toString(System.currentTimeMillis()), stream,
                    Long.toString(options.versionWait().toMillis()), orchestrations.declaredPins(),
                    keys.saga(shard, ""), Long.toString(options.runningRetention().toMillis()),
                    Integer.toString(shard)));
        } catch (RuntimeException e) {
            permits.release(taken);
            throw e;
        }
        cursors.put(stream, (String) reply.get(0));
        List<Delivery> claimed = new ArrayList<>();
        for (Object item : (List<?>) reply.get(1)) {
            List<?> entry = (List<?>) item;
            String id = (String) entry.get(0);
            if (deliveries.isHeld(stream, id)) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 2; i + 1 < entry.size(); i += 2) {
                fields.put((String) entry.get(i), (String) entry.get(i + 1));
            }
            claimed.add(new Delivery(shard, stream, id, fields, Long.parseLong((String) entry.get(1))));
        }
        permits.release(taken - claimed.size());
        if (!claimed.isEmpty()) {
            observer.claimed(claimed.size());
            log.warn("shard {}: claimed {} orphaned messages on {}", shard, claimed.size(), stream);
        }
        claimed.forEach(dispatcher::dispatch);
        for (Object item : (List<?>) reply.get(2)) {
            deadLettered(shard, (List<?>) item);
        }
    }

    private void deadLettered(int shard, List<?> item) {
        String deadId = shard + "/" + item.get(0);
        String reason = (String) item.get(3);
        observer.deadLettered();
        String sagaId = item.size() > 4 && !"".equals(item.get(4)) ? (String) item.get(4) : "unknown";
        if (options.history() && !"unknown".equals(sagaId)) {
            Timeline.note(redis, keys, sagaId, Timeline.PREFIX + "d:" + deadId, Timeline.encode(
                    TimelineEntry.Event.DEAD_LETTERED, options.group(), options.nodeName(), -1, deadId,
                    Long.parseLong(String.valueOf(item.get(2))), true, null, reason));
        }
        log.error("saga {}: message {} dead-lettered as {} after {} deliveries to group {}: {}", sagaId,
                item.get(1), deadId, item.get(2), options.group(), reason);
        if (deadLetterListeners.isEmpty()) {
            return;
        }
        String entry = (String) item.get(0);
        redis.xrange(keys.deadLetters(shard), Range.create(entry, entry)).thenAccept(found -> {
            for (StreamMessage<String, String> message : found) {
                DeadLetter letter = RedisDeadLetters.parse(shard, message);
                for (DeadLetterListener listener : deadLetterListeners) {
                    try {
                        listener.onDeadLetter(letter);
                    } catch (RuntimeException e) {
                        log.warn("dead letter listener failed for {}: {}", deadId, e.toString());
                    }
                }
            }
        });
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(options.orphanTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getCause() != null ? e.getCause().toString() : e.toString(), e);
        }
    }
}
