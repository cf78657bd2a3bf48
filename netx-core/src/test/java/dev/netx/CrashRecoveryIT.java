package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Real processes die under load: payment nodes in child JVMs are killed with SIGKILL every few
 * seconds and replaced, and every saga still completes once the orphan timeout has passed.
 */
@RedisTest
class CrashRecoveryIT {

    private static final Duration ORPHAN_TIMEOUT = Duration.ofSeconds(2);
    private static final int SAGAS = 2_000;

    @Test
    void everySagaCompletesWhilePaymentNodesAreKilled(RedisServer redis) throws Exception {
        String namespace = "crash";
        Set<String> committed = ConcurrentHashMap.newKeySet();
        List<ChildNode> children = new ArrayList<>();
        RedisClient client = RedisClient.create(redis.redisUri());
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                StatefulRedisConnection<String, String> tracker = client.connect()) {
            Netx order = nodes.start(NetxOptions.builder("order").namespace(namespace).orphanTimeout(ORPHAN_TIMEOUT)
                    .pollTimeout(Duration.ofMillis(200)).build(),
                    SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())));
            children.add(ChildNode.start(redis.uri(), namespace, "payment-a0", ORPHAN_TIMEOUT));
            children.add(ChildNode.start(redis.uri(), namespace, "payment-b0", ORPHAN_TIMEOUT));

            List<String> sagas = new ArrayList<>();
            int kills = 0;
            for (int batch = 0; batch < 10; batch++) {
                List<CompletableFuture<String>> started = new ArrayList<>();
                for (int i = 0; i < SAGAS / 10; i++) {
                    started.add(order.sagaManager().start(new NodeMain.Payment("o" + batch + "-" + i, 0)));
                }
                started.forEach(f -> sagas.add(f.join()));
                if (batch % 2 == 1) {
                    int victim = kills % 2;
                    ChildNode dead = children.get(victim);
                    dead.kill();
                    kills++;
                    String name = (victim == 0 ? "payment-a" : "payment-b") + kills;
                    children.set(victim, ChildNode.start(redis.uri(), namespace, name, ORPHAN_TIMEOUT));
                }
            }

            await().atMost(Duration.ofSeconds(120)).until(() -> committed.containsAll(sagas));

            Map<String, String> calls = tracker.sync().hgetall("test:calls:" + namespace);
            Map<Long, Integer> histogram = new TreeMap<>();
            for (String id : sagas) {
                long n = Long.parseLong(calls.getOrDefault(id, "0"));
                histogram.merge(n, 1, Integer::sum);
            }
            System.out.printf("crash recovery: %d sagas, %d kill -9 of payment nodes; payment listener calls per saga"
                    + " -> number of sagas: %s%n", sagas.size(), kills, histogram);
            assertThat(kills).isEqualTo(5);
            assertThat(histogram.keySet()).allMatch(n -> n >= 1);
        } finally {
            children.forEach(ChildNode::close);
            client.shutdown();
        }
    }

    @Test
    void aChainOfLocalStepsCutByAKillRunsAgainFromItsFirstStepOnAnotherNode(RedisServer redis) throws Exception {
        String namespace = "chain";
        RedisClient client = RedisClient.create(redis.redisUri());
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                StatefulRedisConnection<String, String> tracker = client.connect()) {
            // a payment node starts a saga of three local steps and dies inside the second
            ChildNode doomed = ChildNode.start(redis.uri(), namespace, "doomed", ORPHAN_TIMEOUT, "chain");
            String steps = "test:steps:" + namespace;
            String sagaId = await().atMost(Duration.ofSeconds(30)).until(
                    () -> tracker.sync().hkeys(steps).stream().filter(k -> k.endsWith(":1")).findFirst().orElse(null),
                    id -> id != null).replace(":1", "");
            await().atMost(Duration.ofSeconds(10)).until(() -> !doomed.isAlive());
            doomed.close();

            Netx survivor = nodes.start(NetxOptions.builder("payment").namespace(namespace)
                    .orphanTimeout(ORPHAN_TIMEOUT).pollTimeout(Duration.ofMillis(200)).build(), builder -> {
                    });
            NodeMain.chain(survivor.orchestrators(), tracker.sync(), namespace, false);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> survivor.sagaManager().outcomeSync(sagaId).state() == SagaState.COMMITTED);
            // nothing of the chain was written before the kill: it ran again from its first step
            Map<String, String> runs = tracker.sync().hgetall(steps);
            assertThat(runs).containsEntry(sagaId + ":0", "2").containsEntry(sagaId + ":1", "2")
                    .containsEntry(sagaId + ":2", "1").doesNotContainKey(sagaId + ":-1");
        } finally {
            client.shutdown();
        }
    }
}
