package dev.netx.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisClusterIT {

    @Test
    void threeMastersCoverEverySlotAndServeKeysOfDifferentSlots() {
        RedisCluster cluster;
        try (RedisLauncher launcher = new RedisLauncher(); TestClients clients = new TestClients()) {
            cluster = launcher.cluster();

            assertThat(cluster.nodes()).hasSize(3);
            List<String> masters = clients.connect(cluster.nodes().get(1)).clusterNodes().lines()
                    .filter(line -> line.split(" ")[2].contains("master"))
                    .toList();
            assertThat(masters).hasSize(3);
            assertThat(masters.stream().mapToInt(RedisClusterIT::slotCount).sum()).isEqualTo(RedisCluster.SLOTS);

            List<String> keys = List.of("alpha", "beta", "gamma", "delta", "epsilon");
            assertThat(keys.stream().map(key -> cluster.nodeForSlot(SlotHash.getSlot(key))).distinct()).hasSize(3);
            RedisClusterClient client = RedisClusterClient.create(cluster.redisUris().stream().map(RedisClusterIT::withTimeout).toList());
            try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
                RedisAdvancedClusterCommands<String, String> redis = connection.sync();
                keys.forEach(key -> redis.set(key, "value of " + key));

                keys.forEach(key -> assertThat(redis.get(key)).isEqualTo("value of " + key));
            } finally {
                client.shutdown(Duration.ZERO, TestClients.TIMEOUT);
            }
            // The slot's owner, asked directly, holds the key: nodeForSlot is right.
            keys.forEach(key -> assertThat(clients.connect(cluster.nodeForSlot(SlotHash.getSlot(key))).get(key)).isEqualTo("value of " + key));
        }

        assertThat(cluster.nodes()).allSatisfy(node -> {
            assertThat(node.isAlive()).isFalse();
            assertThat(node.dataDir()).doesNotExist();
        });
    }

    @Test
    void aReplicaTakesOverItsMastersSlotsOnClusterFailover() {
        try (RedisLauncher launcher = new RedisLauncher(); TestClients clients = new TestClients()) {
            RedisCluster cluster = launcher.cluster(3, 1);
            assertThat(cluster.replicas()).hasSize(3);
            assertThat(cluster.masters()).isEqualTo(cluster.nodes());
            RedisServer master = cluster.nodeForSlot(SlotHash.getSlot("alpha"));
            assertThat(cluster.replicasOf(master)).hasSize(1);
            RedisServer replica = cluster.replicasOf(master).get(0);
            RedisCommands<String, String> onMaster = clients.connect(master);
            onMaster.set("alpha", "written before the failover");
            assertThat(onMaster.waitForReplication(1, 2_000)).isEqualTo(1);

            RedisCommands<String, String> onReplica = clients.connect(replica);
            assertThat(onReplica.clusterFailover(false)).isEqualTo("OK");

            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.masters().contains(replica)
                    && cluster.replicasOf(replica).contains(master));
            assertThat(onReplica.get("alpha")).isEqualTo("written before the failover");
            assertThat(onReplica.set("alpha", "written after")).isEqualTo("OK");
            assertThatThrownBy(() -> onMaster.set("alpha", "to the old master"))
                    .isInstanceOf(RedisCommandExecutionException.class).hasMessageContaining("MOVED");
            await().atMost(Duration.ofSeconds(20)).until(cluster::isHealthy);
        }
    }

    @Test
    void aKilledMasterIsReplacedByItsReplicaAndRejoinsAsReplicaOnRestart() {
        try (RedisLauncher launcher = new RedisLauncher(); TestClients clients = new TestClients()) {
            RedisCluster cluster = launcher.cluster(3, 1);
            RedisServer master = cluster.nodes().get(2);
            RedisServer replica = cluster.replicasOf(master).get(0);

            master.kill();

            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.masters().contains(replica));
            assertThat(cluster.masters()).hasSize(3).doesNotContain(master);
            master.restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.replicasOf(replica).contains(master)
                    && cluster.isHealthy());
        }
    }

    /** Slots served by a CLUSTER NODES line: ranges such as {@code 0-5460} or single slots after the 8th field. */
    private static int slotCount(String nodeLine) {
        String[] fields = nodeLine.split(" ");
        return Arrays.stream(fields, 8, fields.length)
                .filter(field -> !field.startsWith("["))
                .mapToInt(field -> {
                    String[] range = field.split("-");
                    return range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
                })
                .sum();
    }

    private static RedisURI withTimeout(RedisURI uri) {
        uri.setTimeout(TestClients.TIMEOUT);
        return uri;
    }
}
