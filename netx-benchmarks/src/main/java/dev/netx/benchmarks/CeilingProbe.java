package dev.netx.benchmarks;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures the least Redis work a saga step needs, done as fast as this client can: on each stream a
 * reader (its own connection, as Netx's shard readers) takes messages with {@code XREADGROUP}, and
 * for each one sends {@code XACK} and the {@code XADD} of the next message on one shared connection
 * (as Netx's command connection), pipelined and without waiting. A fixed number of messages stays in
 * flight, as sagas do. The message has the size and fields of a Netx step message.
 */
public final class CeilingProbe {

    private static final String GROUP = "ceiling";
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Map<String, String> MESSAGE = Map.of("k", "F", "s", "0190f1a2b3c4d5e6f708192a3b4c5d6e-7",
            "o", "place-order", "i", "1", "e", "{\"id\":\"o-123\",\"amount\":223}", "ctx", "{}", "g", "order",
            "n", "order-0");

    private CeilingProbe() {
    }

    /**
     * The best rate over the given in-flight counts, each measured for {@code duration}, the first
     * after {@code warmup}, the others after a second. Run it in a JVM that has already run
     * workloads: cold, the client code is several times slower. Blocks; leaves its streams behind
     * (the caller empties Redis).
     */
    public static Ceiling measure(RedisTarget target, int streams, List<Integer> inFlights, Duration warmup,
            Duration duration) throws InterruptedException {
        Ceiling best = null;
        for (int inFlight : inFlights) {
            Ceiling ceiling = measureOnce(target, streams, inFlight, best == null ? warmup : SETTLE, duration);
            if (best == null || ceiling.stepsPerSecond() > best.stepsPerSecond()) {
                best = ceiling;
            }
        }
        return best;
    }

    private static Ceiling measureOnce(RedisTarget target, int streams, int inFlight, Duration warmup,
            Duration duration) throws InterruptedException {
        AbstractRedisClient client = target.newClient();
        List<StatefulConnection<String, String>> connections = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        LongAdder acked = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        try {
            RedisClusterAsyncCommands<String, String> shared = async(client, connections);
            String run = Long.toString(System.nanoTime());
            for (int s = 0; s < streams; s++) {
                String stream = "bench:{ceiling:" + s + "}:" + run;
                RedisClusterCommands<String, String> reader = sync(client, connections);
                reader.xgroupCreate(StreamOffset.from(stream, "0"), GROUP, XGroupCreateArgs.Builder.mkstream());
                for (int m = s; m < inFlight; m += streams) {
                    reader.xadd(stream, MESSAGE);
                }
                Thread thread = new Thread(() -> cycle(stream, reader, shared, acked, running),
                        "bench-ceiling-" + s);
                thread.setDaemon(true);
                readers.add(thread);
            }
            readers.forEach(Thread::start);
            Thread.sleep(warmup.toMillis());
            long before = acked.sum();
            RedisSample redisBefore = target.stats().sample();
            JvmSample jvmBefore = JvmSample.take();
            long start = System.nanoTime();
            Thread.sleep(duration.toMillis());
            long steps = acked.sum() - before;
            double seconds = (System.nanoTime() - start) / 1e9;
            double redisCpu = target.stats().sample().since(redisBefore).cpuSeconds();
            double jvmCpu = (JvmSample.take().cpuNanos() - jvmBefore.cpuNanos()) / 1e9;
            return new Ceiling(target.topology().label(), streams, inFlight, Math.round(steps / seconds),
                    Math.round(1000 * redisCpu / seconds) / 10.0, Math.round(1000 * jvmCpu / seconds) / 10.0);
        } finally {
            running.set(false);
            for (Thread reader : readers) {
                reader.join(2_000);
            }
            connections.forEach(StatefulConnection::close);
            client.shutdown();
        }
    }

    @SuppressWarnings("unchecked") // one stream offset, passed as varargs
    private static void cycle(String stream, RedisClusterCommands<String, String> reader,
            RedisClusterAsyncCommands<String, String> shared, LongAdder acked, AtomicBoolean running) {
        Consumer<String> consumer = Consumer.from(GROUP, "c");
        XReadArgs args = XReadArgs.Builder.count(128).block(Duration.ofMillis(100));
        while (running.get()) {
            for (var message : reader.xreadgroup(consumer, args, StreamOffset.lastConsumed(stream))) {
                shared.xack(stream, GROUP, message.getId()).thenRun(acked::increment);
                shared.xadd(stream, MESSAGE);
            }
        }
    }

    private static RedisClusterAsyncCommands<String, String> async(AbstractRedisClient client,
            List<StatefulConnection<String, String>> connections) {
        if (client instanceof RedisClusterClient cluster) {
            var connection = cluster.connect(StringCodec.UTF8);
            connections.add(connection);
            return connection.async();
        }
        var connection = ((RedisClient) client).connect(StringCodec.UTF8);
        connections.add(connection);
        return connection.async();
    }

    private static RedisClusterCommands<String, String> sync(AbstractRedisClient client,
            List<StatefulConnection<String, String>> connections) {
        if (client instanceof RedisClusterClient cluster) {
            var connection = cluster.connect(StringCodec.UTF8);
            connections.add(connection);
            return connection.sync();
        }
        var connection = ((RedisClient) client).connect(StringCodec.UTF8);
        connections.add(connection);
        return connection.sync();
    }
}
