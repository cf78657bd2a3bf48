package dev.netx.internal.engine;

import dev.netx.ActivityInterval;
import dev.netx.SagaPhase;
import dev.netx.internal.redis.KeySpace;
import dev.netx.spi.NetxObserver;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace's activity of the last hour, in Redis: sagas started, committed and rolled back,
 * messages dead-lettered, and the messages each group handled and left for retry, summed over the
 * nodes per interval of ten seconds, one hash each. A node counts in memory and adds its counts once a
 * second with one script, so a saga's own path writes nothing for it; a node killed loses at most
 * its last second's counts, and one whose write Redis did not confirm loses that second's.
 */
final class Activity implements NetxObserver {

    /** The length of an interval. */
    static final Duration INTERVAL = Duration.ofSeconds(10);
    /** How long an interval is kept. */
    static final Duration KEPT = Duration.ofHours(1);

    private static final String STARTED = "started";
    private static final String COMMITTED = "committed";
    private static final String ROLLED_BACK = "rolled_back";
    private static final String DEAD_LETTERED = "dead_lettered";
    private static final Logger log = LoggerFactory.getLogger(Activity.class);
    private static final String HANDLED = "handled:";
    private static final String LEFT = "left:";

    private final KeySpace keys;
    private final Map<String, LongAdder> counts = new HashMap<>();
    private final LongAdder handled;
    private final LongAdder left;
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();

    Activity(KeySpace keys, String group) {
        this.keys = keys;
        for (String field : List.of(STARTED, COMMITTED, ROLLED_BACK, DEAD_LETTERED, HANDLED + group, LEFT + group)) {
            counts.put(field, new LongAdder());
        }
        this.handled = counts.get(HANDLED + group);
        this.left = counts.get(LEFT + group);
    }

    @Override
    public void published(SagaPhase phase, String eventType) {
        switch (phase) {
            case START -> counts.get(STARTED).increment();
            case COMMIT -> counts.get(COMMITTED).increment();
            case ROLLBACK -> counts.get(ROLLED_BACK).increment();
            case JOIN -> { }
        }
    }

    @Override
    public void deadLettered() {
        counts.get(DEAD_LETTERED).increment();
    }

    /** This node finished with a message of its group, whatever the outcome. */
    void handled() {
        handled.increment();
    }

    /** This node left a message of its group pending after a failure, for a retry. */
    void left() {
        left.increment();
    }

    /**
     * Adds what this node counted since the last flush to the interval of {@code nowMillis}, unless
     * the last flush is still waiting for Redis. Counts that Redis refused (out of memory, read-only)
     * are counted again, for the next flush; those of a write whose outcome is unknown (a timeout, a
     * lost connection) are dropped, since Redis may have them: a chart may miss a second, never count
     * one twice.
     */
    CompletableFuture<Void> flush(RedisClusterAsyncCommands<String, String> redis, long nowMillis) {
        if (!flushing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, Long> taken = new HashMap<>();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(KEPT.plus(INTERVAL).toMillis()));
        counts.forEach((field, count) -> {
            long n = count.sumThenReset();
            if (n != 0) {
                taken.put(field, n);
                args.add(field);
                args.add(Long.toString(n));
            }
        });
        if (taken.isEmpty()) {
            flushing.set(false);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Long> sent;
        try {
            sent = Scripts.ACTIVITY.run(redis, ScriptOutputType.INTEGER,
                    new String[] {keys.activity(intervalOf(nowMillis))}, args.toArray(String[]::new));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((ok, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RedisCommandExecutionException) {
                taken.forEach((field, n) -> counts.get(field).add(n));
            }
            // once per spell of failures, not every second
            if (cause == null) {
                failing.set(false);
            } else if (failing.compareAndSet(false, true)) {
                log.warn("the console's activity was not written, retrying every second: {}", cause.toString());
            }
            flushing.set(false);
            return null;
        });
    }

    /** The start, in epoch seconds, of the interval holding {@code millis}. */
    static long intervalOf(long millis) {
        long length = INTERVAL.toMillis();
        return Math.floorDiv(millis, length) * length / 1_000;
    }

    /** An interval as Redis holds it (empty when no node did anything in it). */
    static ActivityInterval read(long startSecond, Duration length, Map<String, String> fields) {
        Map<String, Long> handledBy = new HashMap<>();
        Map<String, Long> leftBy = new HashMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith(HANDLED)) {
                handledBy.put(field.substring(HANDLED.length()), count(value));
            } else if (field.startsWith(LEFT)) {
                leftBy.put(field.substring(LEFT.length()), count(value));
            }
        });
        return new ActivityInterval(Instant.ofEpochSecond(startSecond), length, count(fields.get(STARTED)),
                count(fields.get(COMMITTED)), count(fields.get(ROLLED_BACK)), count(fields.get(DEAD_LETTERED)),
                handledBy, leftBy);
    }

    private static long count(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
