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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A group that lags further behind than the retention still learns that a saga it has not reached
 * yet was rolled back, and compensates its work once; the saga's state goes once every group is past.
 */
@RedisTest
class LaggingGroupIT {

    private static final String NAMESPACE = "lagging";
    private static final int SAGAS = 20;

    private static NetxOptions options(String group) {
        return NetxOptions.builder(group).namespace(NAMESPACE).shards(2).retention(Duration.ofSeconds(1))
                .trimInterval(Duration.ofMillis(200)).pollTimeout(Duration.ofMillis(200))
                .orphanTimeout(Duration.ofSeconds(1)).build();
    }

    @Test
    void aGroupLaggingLongerThanRetentionBehindARollbackCompensatesItsWorkOnce(RedisServer redis) {
        Set<String> reserved = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> releases = new ConcurrentHashMap<>();
        SagaListener<?> reserve = SagaListener.on(SagaPhase.START, Object.class, e -> reserved.add(e.sagaId()));
        SagaListener<?> release = SagaListener.on(SagaPhase.ROLLBACK, Object.class,
                e -> releases.computeIfAbsent(e.sagaId(), id -> new AtomicInteger()).incrementAndGet());
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            // the inventory group exists, then goes down
            nodes.start(options("inventory"), reserve, release).close();
            // the order group reads the events too, so its nodes trim the streams all along
            Netx order = nodes.start(options("order"), SagaListener.on(SagaPhase.ROLLBACK, Object.class, e -> null));
            List<String> sagas = new ArrayList<>();
            for (int i = 0; i < SAGAS; i++) {
                String sagaId = order.sagaManager().startSync("order " + i);
                order.sagaManager().rollbackSync(sagaId, "customer cancelled", null);
                sagas.add(sagaId);
            }
            // three times the retention, trimmed every 200 ms: inventory has not read the rollbacks yet
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> sagas.stream().allMatch(id -> order.sagaManager().existsSync(id)));

            nodes.start(options("inventory"), reserve, release);
            await().atMost(Duration.ofSeconds(30)).until(() -> releases.keySet().containsAll(sagas));
            assertThat(reserved).containsAll(sagas);
            // once every group is past the rollback and the retention has passed, the state goes
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> sagas.stream().noneMatch(id -> order.sagaManager().existsSync(id)));
            assertThat(sagas).allSatisfy(id -> assertThat(releases.get(id).get()).as("releases of %s", id)
                    .isEqualTo(1));
            assertThat(rolledBackTracked(redis)).isZero();
        }
    }

    private static long rolledBackTracked(RedisServer redis) {
        RedisClient client = RedisClient.create(redis.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            long tracked = 0;
            for (int shard = 0; shard < 2; shard++) {
                tracked += connection.sync().zcard("netx:{" + NAMESPACE + ":" + shard + "}:rolled-back");
            }
            return tracked;
        } finally {
            client.shutdown();
        }
    }
}
