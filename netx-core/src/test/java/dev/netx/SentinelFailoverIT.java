package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisSentinelSetup;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Netx over Sentinel: after the master is killed, Sentinel promotes the replica and sagas flow again.
 * Redis replicates asynchronously, so writes acknowledged just before the kill may be lost with
 * the old master: the test reports how many, and asserts that every saga that survived, and every
 * saga accepted after the failover, completes.
 */
@RedisTest
class SentinelFailoverIT {

    @Test
    void sagasFlowAgainAfterTheMasterIsKilledAndTheReplicaPromoted(RedisLauncher launcher) {
        RedisSentinelSetup sentinel = launcher.sentinel();
        Set<String> committed = ConcurrentHashMap.newKeySet();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(sentinel.sentinelUri()))) {
            NetxOptions.Builder options = NetxOptions.builder("payment").namespace("sentinel")
                    .orphanTimeout(Duration.ofSeconds(2)).pollTimeout(Duration.ofMillis(200));
            nodes.start(options.build(), SagaListener.on(SagaPhase.START, Object.class, e -> e.event())
                    .successWith(SuccessWith.PUBLISH_COMMIT));
            Netx order = nodes.start(NetxOptions.builder("order").namespace("sentinel")
                    .orphanTimeout(Duration.ofSeconds(2)).pollTimeout(Duration.ofMillis(200)).build(),
                    SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())));

            List<String> beforeFailover = startAll(order, 500);
            sentinel.master().kill();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> sentinel.currentMasterPort() == sentinel.replica().port());
            String probe = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> order.sagaManager().startSync("probe"), id -> id != null);
            List<String> afterFailover = startAll(order, 500);
            afterFailover.add(probe);

            await().atMost(Duration.ofSeconds(60)).until(() -> committed.containsAll(afterFailover));
            long lost = beforeFailover.stream().filter(id -> !order.sagaManager().existsSync(id)).count();
            System.out.printf("sentinel failover: %d sagas accepted before the master was killed, %d of them lost"
                    + " with it (asynchronous replication); %d after the failover, all completed%n",
                    beforeFailover.size(), lost, afterFailover.size());
            assertThat(afterFailover).allMatch(committed::contains);
            List<String> survived = beforeFailover.stream().filter(id -> order.sagaManager().existsSync(id)).toList();
            await().atMost(Duration.ofSeconds(60)).until(() -> committed.containsAll(survived));
        }
    }

    @Test
    void afterAGracefulFailoverNodesWriteToTheNewMasterBeforeTheOldOneIsDemoted(RedisLauncher launcher) {
        RedisSentinelSetup sentinel = launcher.sentinel();
        Set<String> committed = ConcurrentHashMap.newKeySet();
        RedisClient admin = RedisClient.create();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(sentinel.sentinelUri()))) {
            nodes.start(NetxOptions.builder("payment").namespace("graceful").orphanTimeout(Duration.ofSeconds(2))
                    .pollTimeout(Duration.ofMillis(200)).build(),
                    SagaListener.on(SagaPhase.START, Object.class, e -> e.event()).successWith(SuccessWith.PUBLISH_COMMIT));
            Netx order = nodes.start(NetxOptions.builder("order").namespace("graceful")
                    .orphanTimeout(Duration.ofSeconds(2)).pollTimeout(Duration.ofMillis(200)).build(),
                    SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())));
            List<String> before = startAll(order, 100);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed.containsAll(before));

            RedisURI firstSentinel = sentinel.sentinels().get(0).redisUri();
            try (StatefulRedisSentinelConnection<String, String> connection = admin.connectSentinel(firstSentinel)) {
                connection.sync().failover(sentinel.masterName());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sentinel.currentMasterPort() == sentinel.replica().port());
            // promoted: the old master still takes writes until Sentinel demotes it, seconds later; the
            // nodes' connections leave it on the Sentinels' announcement
            await().atMost(Duration.ofSeconds(10)).until(() -> !hasNetxClients(admin, sentinel.master()));
            List<String> after = new ArrayList<>();
            // the old master drops its connections when it is demoted: a probe may fail then
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                after.addAll(startAll(order, 50));
                return isReplica(admin, sentinel.master()) && after.size() >= 300;
            });

            await().atMost(Duration.ofSeconds(60)).until(() -> committed.containsAll(after));
            assertThat(after).allMatch(order.sagaManager()::existsSync);
        } finally {
            admin.shutdown();
        }
    }

    @Test
    void aNodeStartedWhileSentinelsWereDownFollowsTheirAnnouncementsOnceTheyAreBack(RedisLauncher launcher) {
        RedisSentinelSetup sentinel = launcher.sentinel();
        List<RedisServer> down = sentinel.sentinels().subList(0, 2);
        down.forEach(RedisServer::stop);
        RedisClient admin = RedisClient.create();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(sentinel.sentinelUri()))) {
            nodes.start(NetxOptions.builder("order").namespace("late-sentinels").build());
            down.forEach(RedisServer::restart);

            // the node subscribes to +switch-master on each of them (Sentinels themselves never subscribe)
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> down.stream().allMatch(s -> subscribers(admin, s) == 1));
        } finally {
            admin.shutdown();
        }
    }

    private static long subscribers(RedisClient admin, RedisServer sentinel) {
        try (StatefulRedisConnection<String, String> connection = admin.connect(sentinel.redisUri())) {
            return connection.sync().clientList().lines().filter(line -> line.contains(" sub=1 ")).count();
        }
    }

    private static boolean hasNetxClients(RedisClient admin, RedisServer server) {
        try (StatefulRedisConnection<String, String> connection = admin.connect(server.redisUri())) {
            return connection.sync().clientList().contains(" name=netx-");
        }
    }

    private static boolean isReplica(RedisClient admin, RedisServer server) {
        try (StatefulRedisConnection<String, String> connection = admin.connect(server.redisUri())) {
            return connection.sync().info("replication").contains("role:slave");
        }
    }

    private static List<String> startAll(Netx order, int count) {
        List<CompletableFuture<String>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(order.sagaManager().start(i));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> future : started) {
            try {
                ids.add(future.join());
            } catch (RuntimeException refused) {
                // refused during the failover: the caller knows it was not started
            }
        }
        return ids;
    }
}
