package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A long pending list left by a consumer that died drains as fast as the surviving node handles it,
 * not one claim page (100 entries) per orphan-claim round: 3,000 entries with rounds every 2 s took
 * a minute when each round claimed one page per stream.
 */
@RedisTest
class LongPendingListIT {

    private static final Duration ORPHAN_TIMEOUT = Duration.ofSeconds(4);
    private static final int ENTRIES = 3_000;

    /** The event of the test's sagas. */
    record Work(int n) {
    }

    @Test
    void aDeadConsumersLongPendingListIsClaimedWithinAFewRounds(RedisServer redis) {
        String namespace = "backlog";
        Set<String> handled = ConcurrentHashMap.newKeySet();
        RedisClient client = RedisClient.create(redis.redisUri());
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                StatefulRedisConnection<String, String> doomed = client.connect()) {
            NetxOptions.Builder options = NetxOptions.builder("worker").namespace(namespace).shards(1)
                    .orphanTimeout(ORPHAN_TIMEOUT).pollTimeout(Duration.ofMillis(200));
            // the worker group exists on the stream from here on; its first node leaves at once
            nodes.start(options.nodeName("worker-first").build(),
                    SagaListener.on(SagaPhase.START, Work.class, e -> handled.add(e.sagaId()))).close();
            Netx publisher = nodes.start(NetxOptions.builder("publisher").namespace(namespace).shards(1).build());
            List<CompletableFuture<String>> started = new ArrayList<>();
            for (int i = 0; i < ENTRIES; i++) {
                started.add(publisher.sagaManager().start(new Work(i)));
            }
            List<String> sagas = started.stream().map(CompletableFuture::join).toList();
            String stream = "netx:{" + namespace + ":0}:events";
            int read = 0;
            for (int got = -1; got != 0; read += got) {
                got = doomed.sync().xreadgroup(Consumer.from("worker", "doomed"), XReadArgs.Builder.count(1_000),
                        StreamOffset.lastConsumed(stream)).size();
            }
            assertThat(read).isEqualTo(ENTRIES);

            long begun = System.nanoTime();
            nodes.start(options.nodeName("worker-survivor").build(),
                    SagaListener.on(SagaPhase.START, Work.class, e -> handled.add(e.sagaId())));

            // rounds every 2 s; one page per round would need 30 of them
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.containsAll(sagas));
            System.out.printf("a pending list of %d entries claimed and handled in %d ms%n", ENTRIES,
                    (System.nanoTime() - begun) / 1_000_000);
        } finally {
            client.shutdown();
        }
    }
}
