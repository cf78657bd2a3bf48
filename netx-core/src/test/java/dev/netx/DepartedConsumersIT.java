package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Consumers of nodes that left without a clean shutdown are removed; those of live nodes stay,
 * even when the node's reads have found nothing for longer than the removal threshold (on Redis
 * before 7.2 a consumer blocked in XREADGROUP without messages looks idle to XINFO CONSUMERS).
 */
@RedisTest
class DepartedConsumersIT {

    private static final String NAMESPACE = "departed";
    private static final String STREAM = "netx:{" + NAMESPACE + ":0}:events";

    @Test
    void quietLiveNodesKeepTheirConsumersWhileADepartedOnesIsRemoved(RedisServer redis) {
        // removal threshold: max(4 orphan timeouts, 3 trim intervals) = 4 s
        NetxOptions.Builder options = NetxOptions.builder("payment").namespace(NAMESPACE).shards(1)
                .orphanTimeout(Duration.ofSeconds(1)).pollTimeout(Duration.ofMillis(200))
                .trimInterval(Duration.ofMillis(200));
        RedisClient client = RedisClient.create(redis.redisUri());
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            RedisCommands<String, String> sync = admin.sync();
            try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
                // two nodes: each one tends the group's streams and would remove the other's consumer
                for (String node : List.of("live-1", "live-2")) {
                    nodes.start(options.nodeName(node).build(), SagaListener.on(SagaPhase.START, Object.class, e -> null));
                }
                await().until(() -> consumers(sync).keySet().containsAll(List.of("live-1", "live-2")));
                // a node that vanished: nothing pending, no heartbeat
                sync.xgroupCreateconsumer(STREAM, Consumer.from("payment", "ghost"));
                assertThat(consumers(sync)).containsKey("ghost");

                await().atMost(Duration.ofSeconds(20)).until(() -> !consumers(sync).containsKey("ghost"));
                // twice the threshold without a message: the live nodes' consumers never go away
                await().pollInterval(Duration.ofMillis(50)).during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                        .until(() -> consumers(sync).keySet().containsAll(List.of("live-1", "live-2")));
            }
            assertThat(consumers(sync)).as("consumers after a clean shutdown").isEmpty();
            assertThat(sync.exists("netx:{" + NAMESPACE + ":0}:nodes:payment")).as("heartbeats after a clean shutdown").isZero();
        } finally {
            client.shutdown();
        }
    }

    /** Consumer name to idle milliseconds, of the payment group on the stream. */
    private static Map<String, Long> consumers(RedisCommands<String, String> sync) {
        Map<String, Long> consumers = new java.util.HashMap<>();
        for (Object consumer : sync.xinfoConsumers(STREAM, "payment")) {
            List<?> fields = (List<?>) consumer;
            String name = null;
            long idle = -1;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if ("name".equals(fields.get(i))) {
                    name = (String) fields.get(i + 1);
                } else if ("idle".equals(fields.get(i))) {
                    idle = (Long) fields.get(i + 1);
                }
            }
            consumers.put(name, idle);
        }
        return consumers;
    }
}
