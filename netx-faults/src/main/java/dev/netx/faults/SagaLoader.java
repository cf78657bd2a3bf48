package dev.netx.faults;

import dev.netx.Netx;
import dev.netx.NetxOptions;
import dev.netx.internal.engine.SagaIds;
import dev.netx.spi.SagaIdGenerator;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Starts many choreographed order sagas at once, all on one shard, through a Netx node of its own
 * group in the suite's JVM: the shop's services take them as if its order service had started them
 * (the event's type name is the simple class name, {@code OrderPlaced}, and its JSON is the shop's).
 * The node keeps sagas for an hour (the default retention), so that a saga waiting in a long backlog
 * keeps its state although the shop's own nodes keep finished sagas for seconds only.
 */
final class SagaLoader {

    private static final int IN_FLIGHT = 256;

    /** The shop's choreography start event, as its JSON reads. */
    record OrderPlaced(Line order) {
    }

    /** The shop's order line, as its JSON reads. */
    record Line(String orderId, String customerId, String productId, int quantity, long amount) {
    }

    private SagaLoader() {
    }

    /**
     * Starts {@code count} sagas on {@code shard} of the Redis at {@code redisUri}, orders drawn from
     * the seed data; returns their order ids once every start is written. Blocks.
     */
    static List<String> start(String redisUri, int shard, int count, ShopSettings.Seed seed, Random random) {
        RedisClient client = RedisClient.create(redisUri);
        NetxOptions options = NetxOptions.builder("faults-loader")
                .nodeName("faults-loader-" + ProcessHandle.current().pid()).retention(Duration.ofHours(1)).build();
        try (Netx netx = Netx.builder(client, options).idGenerator(onShard(shard)).build()) {
            netx.start();
            Semaphore window = new Semaphore(IN_FLIGHT);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<String> orderIds = new ArrayList<>(count);
            for (int i = 0; i < count && failures.isEmpty(); i++) {
                Line line = new Line(UUID.randomUUID().toString(), "c" + (1 + random.nextInt(seed.customers())),
                        "p" + (1 + random.nextInt(seed.products())), 1 + random.nextInt(3), 1 + random.nextInt(50));
                orderIds.add(line.orderId());
                window.acquireUninterruptibly();
                CompletableFuture<String> started = netx.sagaManager().start(new OrderPlaced(line));
                started.whenComplete((id, failure) -> {
                    if (failure != null) {
                        failures.add(failure);
                    }
                    window.release();
                });
            }
            window.acquireUninterruptibly(IN_FLIGHT);
            if (!failures.isEmpty()) {
                throw new IllegalStateException("starting the backlog failed", failures.peek());
            }
            return orderIds;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /**
     * Ids whose shard is {@code shard}: Netx hashes the generated id to choose the shard, so ids are
     * drawn until one lands there (one in {@value ShopKeys#SHARDS}).
     */
    private static SagaIdGenerator onShard(int shard) {
        SagaIdGenerator ids = SagaIdGenerator.timeOrdered();
        String suffix = "-" + shard;
        return () -> {
            while (true) {
                String base = ids.next();
                if (new SagaIds(() -> base, ShopKeys.SHARDS).next().endsWith(suffix)) {
                    return base;
                }
            }
        };
    }
}
