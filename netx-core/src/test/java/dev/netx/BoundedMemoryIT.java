package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * After many finished sagas, streams are trimmed and saga state expires: Redis memory falls back to a
 * bound. A saga holds one key while it is kept.
 */
@RedisTest
class BoundedMemoryIT {

    private static final int SAGAS = 100_000;
    private static final String NAMESPACE = "mem";
    private static final int SHARDS = 16;

    @Test
    void streamsKeysAndConsumersFallBackToABoundAfterOneHundredThousandSagas(RedisServer redis) {
        RedisClient client = RedisClient.create(redis.redisUri());
        AtomicInteger committed = new AtomicInteger();
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            RedisCommands<String, String> sync = admin.sync();
            Figures before = Figures.of(sync);
            Instant started = Instant.now();
            Figures midRun = null;
            try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
                for (int i = 1; i <= 2; i++) {
                    nodes.start(options("payment", "payment-" + i), SagaListener.on(SagaPhase.START, Object.class,
                            e -> null).successWith(SuccessWith.PUBLISH_COMMIT));
                }
                Netx order = nodes.start(options("order", "order-1"),
                        SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.incrementAndGet()));
                List<CompletableFuture<String>> window = new ArrayList<>();
                for (int i = 0; i < SAGAS; i++) {
                    window.add(order.sagaManager().start(i));
                    if (i == SAGAS / 2) {
                        midRun = Figures.of(sync);
                    }
                    if (window.size() == 1_000) {
                        window.forEach(CompletableFuture::join);
                        window.clear();
                    }
                }
                window.forEach(CompletableFuture::join);
                await().atMost(Duration.ofMinutes(3)).until(() -> committed.get() >= SAGAS);

                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    Figures now = Figures.of(sync);
                    return now.streamEntries() <= 2_000 && now.sagaKeys() == 0;
                });
            }
            Figures after = Figures.of(sync);
            System.out.printf("bounded memory, %d sagas: before %s; half-way %s; after trim and expiry %s%n", SAGAS,
                    before, midRun, after);
            assertThat(committed.get()).isEqualTo(SAGAS);
            // a saga is one key: its idempotency records live in its state hash, not in a key of their own
            assertThat(midRun.sagaKeys()).isPositive();
            // per shard: the events stream, each group's inbox and node heartbeats, and the history's running
            // sagas and counts; and the namespace's metadata
            assertThat(midRun.keys() - midRun.sagaKeys() - midRun.activityKeys()).as("keys besides the sagas' half-way")
                    .isLessThanOrEqualTo(SHARDS * 7 + 1);
            // the namespace's activity: a small hash per 10 s, each kept for an hour, so at most 361
            long seconds = Duration.between(started, Instant.now()).toSeconds();
            assertThat(after.activityKeys()).isPositive().isLessThanOrEqualTo(Math.min(361, seconds / 10 + 2));
            assertThat(after.sagaKeys()).isZero();
            assertThat(after.streamEntries()).isLessThanOrEqualTo(2_000);
            // the running sagas' set is gone once none runs; the counts stay, one small hash a shard
            assertThat(after.keys() - after.activityKeys()).isLessThanOrEqualTo(SHARDS * 5 + 1);
            assertThat(after.usedMemory()).isLessThan(before.usedMemory() + 8L * 1024 * 1024);
            assertThat(consumers(sync)).as("consumers left in groups after shutdown").isZero();
        } finally {
            client.shutdown();
        }
    }

    private static NetxOptions options(String group, String node) {
        return NetxOptions.builder(group).namespace(NAMESPACE).nodeName(node).shards(SHARDS)
                .retention(Duration.ofSeconds(3)).trimInterval(Duration.ofMillis(500))
                .pollTimeout(Duration.ofMillis(200)).build();
    }

    private static long consumers(RedisCommands<String, String> sync) {
        long count = 0;
        for (int shard = 0; shard < SHARDS; shard++) {
            String events = "netx:{" + NAMESPACE + ":" + shard + "}:events";
            for (String group : List.of("order", "payment")) {
                count += sync.xinfoConsumers(events, group).size();
            }
        }
        return count;
    }

    /** Redis figures of the namespace. */
    record Figures(long keys, long sagaKeys, long activityKeys, long streamEntries, long usedMemory) {

        static Figures of(RedisCommands<String, String> sync) {
            long keys = 0;
            long sagaKeys = 0;
            long activityKeys = 0;
            long entries = 0;
            ScanIterator<String> scan = ScanIterator.scan(sync, ScanArgs.Builder.matches("netx:{" + NAMESPACE + "*")
                    .limit(1_000));
            while (scan.hasNext()) {
                String key = scan.next();
                keys++;
                if (key.contains(":saga:")) {
                    sagaKeys++;
                } else if (key.contains(":activity:")) {
                    activityKeys++;
                } else if (key.endsWith(":events") || key.contains(":inbox:")) {
                    entries += sync.xlen(key);
                }
            }
            String memory = sync.info("memory").lines().filter(line -> line.startsWith("used_memory:")).findFirst()
                    .orElseThrow();
            return new Figures(keys, sagaKeys, activityKeys, entries, Long.parseLong(memory.substring(12).trim()));
        }

        @Override
        public String toString() {
            return "keys=" + keys + " saga-keys=" + sagaKeys + " activity-keys=" + activityKeys
                    + " stream-entries=" + streamEntries
                    + " used_memory=" + usedMemory;
        }
    }
}
