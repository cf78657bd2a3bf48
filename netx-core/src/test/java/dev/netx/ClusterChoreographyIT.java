package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netx.test.RedisCluster;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.SlotHash;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The choreography contract on a 3-master Redis Cluster, and how shards spread over its masters. */
class ClusterChoreographyIT extends ChoreographyContract {

    private static RedisLauncher launcher;
    private static RedisCluster cluster;

    @BeforeAll
    static void startRedis() {
        launcher = new RedisLauncher();
        cluster = launcher.cluster(3);
    }

    @AfterAll
    static void stopRedis() {
        launcher.close();
    }

    @Override
    AbstractRedisClient newClient() {
        return NetxClients.cluster(cluster.redisUris());
    }

    @Override
    int sagaCount() {
        return 2_000;
    }

    @Test
    void shardsSpreadOverEveryMasterAndEachHoldsStreams() {
        Netx node = nodes.start(options("order", "order-1"));
        for (int i = 0; i < 200; i++) {
            node.sagaManager().startSync(null);
        }

        Set<Integer> mastersUsed = new HashSet<>();
        for (int shard = 0; shard < node.options().shards(); shard++) {
            int slot = SlotHash.getSlot("netx:{" + namespace + ":" + shard + "}:events");
            mastersUsed.add(cluster.nodeForSlot(slot).port());
        }
        assertThat(mastersUsed).hasSize(3);
        for (RedisServer master : cluster.nodes()) {
            RedisClient client = RedisClient.create(master.redisUri());
            try (var connection = client.connect()) {
                assertThat(connection.sync().keys("netx:{" + namespace + ":*}:events")).isNotEmpty();
            } finally {
                client.shutdown();
            }
        }
    }
}
