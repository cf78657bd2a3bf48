package dev.netx.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisSentinelSetupIT {

    @Test
    void sentinelsPromoteTheReplicaWhenTheMasterIsKilledAndTheOldMasterRejoinsAsReplica() {
        List<RedisServer> all = new ArrayList<>();
        try (RedisLauncher launcher = new RedisLauncher(); TestClients clients = new TestClients()) {
            RedisSentinelSetup setup = launcher.sentinel();
            RedisServer master = setup.master();
            RedisServer replica = setup.replica();
            all.addAll(List.of(master, replica));
            all.addAll(setup.sentinels());
            assertThat(setup.masterName()).isEqualTo("netx");
            assertThat(setup.sentinels()).hasSize(3);
            assertThat(setup.currentMasterPort()).isEqualTo(master.port());
            RedisCommands<String, String> viaSentinels = clients.connect(setup.sentinelUri(), TestClients.TIMEOUT);
            viaSentinels.set("saga", "kept");
            assertThat(viaSentinels.waitForReplication(1, 2_000)).isEqualTo(1);

            master.kill();

            await().atMost(Duration.ofSeconds(30)).until(setup::currentMasterPort, port -> port == replica.port());
            assertThat(clients.connect(replica).role().get(0)).isEqualTo("master");
            assertThat(clients.connect(setup.sentinelUri(), TestClients.TIMEOUT).get("saga")).isEqualTo("kept");

            master.restart();

            // A new connection each time: Sentinel disconnects the clients of an instance it reconfigures.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(clients.connect(master).info("replication"))
                            .contains("role:slave", "master_port:" + replica.port() + "\r", "master_link_status:up"));
        }

        assertThat(all).allSatisfy(server -> {
            assertThat(server.isAlive()).isFalse();
            assertThat(server.dataDir()).doesNotExist();
        });
    }
}
