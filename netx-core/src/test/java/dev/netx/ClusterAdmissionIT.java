package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisCluster;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Admission control on a Redis Cluster: starts are refused while any master is nearly full, since
 * the next saga may land on a shard of that master, and admitted again once it has room.
 */
class ClusterAdmissionIT {

    @Test
    void startsAreRefusedWhileTheFullestMasterIsNearlyFull() {
        try (RedisLauncher launcher = new RedisLauncher()) {
            RedisCluster cluster = launcher.cluster(3);
            RedisServer fullest = cluster.masters().get(1);
            try (Nodes nodes = new Nodes(() -> NetxClients.cluster(cluster.redisUris()));
                    RedisClient client = RedisClient.create(fullest.redisUri());
                    StatefulRedisConnection<String, String> master = client.connect()) {
                Netx node = nodes.start(NetxOptions.builder("order").namespace("cluster-admission").shards(4)
                        .admission(new AdmissionOptions(0.5, 0, Duration.ofMillis(100))).build(), builder -> {
                        });
                assertThat(node.sagaManager().startSync("before")).isNotBlank();

                // one master of three at 80% of its maxmemory (above the limit of 50%, clear of its OOM), the others empty
                long used = Long.parseLong(master.sync().info("memory").lines()
                        .filter(line -> line.startsWith("used_memory:")).findFirst().orElseThrow().substring(12).trim());
                master.sync().configSet("maxmemory", Long.toString((long) (used / 0.8)));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThatThrownBy(() -> node.sagaManager().startSync("refused"))
                                .isInstanceOf(SagaRejectedException.class)
                                .hasMessageContaining("netx.admission.max-memory"));

                master.sync().configSet("maxmemory", "0");
                await().atMost(Duration.ofSeconds(10)).ignoreException(SagaRejectedException.class)
                        .until(() -> !node.sagaManager().startSync("after").isBlank());
            }
        }
    }
}
