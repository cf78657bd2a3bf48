package dev.netx.internal.engine;

import dev.netx.internal.redis.RedisConnections.Dedicated;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads shards for this node on its own connection and thread (one shard on a Redis Cluster, where
 * shards live in different slots; all of them in one command on a single Redis): first what is still pending for
 * this consumer (id 0), then new messages ({@code >}). A read asks for no more messages than the
 * backpressure permits it holds, and it holds at most its share of them, so that readers blocked on
 * quiet shards never starve a busy one or the claimer; every blocking read is bounded by the poll
 * timeout.
 */
final class ShardReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ShardReader.class);
    private static final int MAX_BATCH = 128;
    /**
     * The longest pause between failed reads: one read a second is nothing to a Redis that is back,
     * and a longer pause would keep the shards idle after a short outage (a failover takes 2-4 s).
     */
    private static final long LONGEST_BACKOFF_MILLIS = 1_000;

    private final List<Integer> shards;
    private final Map<String, Integer> shardOfStream = new HashMap<>();
    private final Dedicated connection;
    private final ConsumerGroups groups;
    private final Consumer<String> consumer;
    private final Permits permits;
    private final Dispatcher dispatcher;
    private final Duration pollTimeout;
    private final int batch;
    private final Map<String, String> backlogCursor = new HashMap<>();
    private final Deque<Delivery> overflow = new ArrayDeque<>();
    private volatile boolean running = true;
    private volatile boolean alive = true;

    ShardReader(List<Integer> shards, Dedicated connection, ConsumerGroups groups, Consumer<String> consumer,
            Permits permits, Dispatcher dispatcher, Duration pollTimeout, int batch) {
        this.shards = List.copyOf(shards);
        this.connection = connection;
        this.groups = groups;
        this.consumer = consumer;
        this.permits = permits;
        this.dispatcher = dispatcher;
        this.pollTimeout = pollTimeout;
        this.batch = Math.max(1, Math.min(MAX_BATCH, batch));
        for (int shard : this.shards) {
            for (String stream : groups.streams(shard)) {
                shardOfStream.put(stream, shard);
                backlogCursor.put(stream, "0");
            }
        }
    }

    @Override
    public void run() {
        long backoffMillis = 0;
        try {
            while (running) {
                int taken = permits.acquireUpTo(batch, pollTimeout);
                if (taken == 0) {
                    continue;
                }
                if (!overflow.isEmpty()) {
                    int dispatched = 0;
                    while (dispatched < taken && !overflow.isEmpty()) {
                        dispatcher.dispatch(overflow.poll());
                        dispatched++;
                    }
                    permits.release(taken - dispatched);
                    continue;
                }
                List<StreamMessage<String, String>> batch;
                try {
                    batch = read(taken);
                    backoffMillis = 0;
                } catch (RedisCommandExecutionException e) {
                    permits.release(taken);
                    if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
                        shards.forEach(shard -> groups.ensure(connection.commands(), shard, true));
                    } else {
                        backoffMillis = backoff(backoffMillis, e);
                    }
                    continue;
                } catch (RuntimeException e) {
                    permits.release(taken);
                    if (running) {
                        backoffMillis = backoff(backoffMillis, e);
                    }
                    continue;
                }
                // COUNT bounds each stream, not the whole read: what exceeds the permits waits its turn here.
                int dispatched = 0;
                for (StreamMessage<String, String> message : batch) {
                    Map<String, String> body = message.getBody() == null ? Map.of() : message.getBody();
                    Delivery delivery = new Delivery(shardOfStream.get(message.getStream()), message.getStream(),
                            message.getId(), body, 1);
                    if (dispatched < taken) {
                        dispatcher.dispatch(delivery);
                        dispatched++;
                    } else {
                        overflow.add(delivery);
                    }
                }
                permits.release(taken - dispatched);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            alive = false;
        }
    }

    @SuppressWarnings("unchecked")
    private List<StreamMessage<String, String>> read(int taken) {
        int count = Math.max(1, taken / shardOfStream.size());
        if (!backlogCursor.isEmpty()) {
            StreamOffset<String>[] offsets = backlogCursor.entrySet().stream()
                    .map(e -> StreamOffset.from(e.getKey(), e.getValue())).toArray(StreamOffset[]::new);
            List<StreamMessage<String, String>> pending =
                    connection.commands().xreadgroup(consumer, XReadArgs.Builder.count(count), offsets);
            Map<String, String> last = new HashMap<>();
            for (StreamMessage<String, String> message : pending) {
                last.put(message.getStream(), message.getId());
            }
            backlogCursor.keySet().removeIf(stream -> !last.containsKey(stream));
            backlogCursor.putAll(last);
            if (!pending.isEmpty()) {
                log.info("shards {}: resuming {} messages still pending for {}", shards, pending.size(),
                        consumer.getName());
                return pending;
            }
        }
        StreamOffset<String>[] offsets = shardOfStream.keySet().stream().map(StreamOffset::lastConsumed)
                .toArray(StreamOffset[]::new);
        return connection.commands().xreadgroup(consumer,
                XReadArgs.Builder.count(count).block(pollTimeout), offsets);
    }

    private long backoff(long previous, RuntimeException e) throws InterruptedException {
        long next = previous == 0 ? 100 : Math.min(previous * 2, LONGEST_BACKOFF_MILLIS);
        log.warn("shards {}: read failed, retrying in {} ms: {}", shards, next, e.toString());
        Thread.sleep(next);
        return next;
    }

    /** Asks the loop to end after its current read. */
    void stop() {
        running = false;
    }

    /** Whether the loop is still running. */
    boolean isAlive() {
        return alive;
    }

    List<Integer> shards() {
        return shards;
    }
}
