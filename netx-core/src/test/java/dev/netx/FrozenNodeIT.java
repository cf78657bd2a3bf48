package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A node that is alive but frozen (SIGSTOP) past the orphan timeout loses its message to another
 * node; when it thaws, its late work is fenced: the step is not completed twice.
 */
@RedisTest
class FrozenNodeIT {

    private static final Duration ORPHAN_TIMEOUT = Duration.ofSeconds(1);

    @Test
    void aThawedNodeDoesNotCompleteAStepAnotherNodeCompleted(RedisServer redis) {
        String namespace = "frozen";
        Set<String> committed = ConcurrentHashMap.newKeySet();
        AtomicInteger commits = new AtomicInteger();
        AtomicInteger takenOver = new AtomicInteger();
        RedisClient client = RedisClient.create(redis.redisUri());
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                StatefulRedisConnection<String, String> tracker = client.connect();
                ChildNode frozen = ChildNode.start(redis.uri(), namespace, "payment-frozen", ORPHAN_TIMEOUT)) {
            NetxOptions.Builder options = NetxOptions.builder("order").namespace(namespace)
                    .orphanTimeout(ORPHAN_TIMEOUT).pollTimeout(Duration.ofMillis(200));
            Netx order = nodes.start(options.build(), SagaListener.on(SagaPhase.COMMIT, Object.class, e -> {
                commits.incrementAndGet();
                return committed.add(e.sagaId());
            }));

            String sagaId = order.sagaManager().startSync(new NodeMain.Payment("o1", 4_000));
            await().until(() -> tracker.sync().hexists("test:working:" + namespace, sagaId));
            frozen.pause();

            nodes.start(NetxOptions.builder("payment").namespace(namespace).nodeName("payment-rescuer")
                    .orphanTimeout(ORPHAN_TIMEOUT).pollTimeout(Duration.ofMillis(200)).build(),
                    SagaListener.on(SagaPhase.START, NodeMain.Payment.class, e -> {
                        takenOver.incrementAndGet();
                        return e.event();
                    }).successWith(SuccessWith.PUBLISH_COMMIT));
            await().atMost(Duration.ofSeconds(20)).until(() -> committed.contains(sagaId));

            frozen.resume();
            await().atMost(Duration.ofSeconds(20)).until(() -> frozen.output().contains("FENCED"));

            List<StreamMessage<String, String>> entries = tracker.sync().xrange(
                    "netx:{" + namespace + ":" + sagaId.substring(sagaId.lastIndexOf('-') + 1) + "}:events",
                    Range.create("-", "+"));
            long commitEntries = entries.stream()
                    .filter(e -> sagaId.equals(e.getBody().get("s")) && "C".equals(e.getBody().get("p"))).count();
            assertThat(takenOver.get()).isEqualTo(1);
            assertThat(commitEntries).isEqualTo(1);
            assertThat(commits.get()).isEqualTo(1);
        } finally {
            client.shutdown();
        }
    }
}
