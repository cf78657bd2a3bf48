package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lowering or raising the shard count between restarts strands no saga. */
@RedisTest
class ShardCountChangeIT {

    private final RedisServer redis;
    private final Nodes nodes;

    ShardCountChangeIT(RedisServer redis) {
        this.redis = redis;
        this.nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    private NetxOptions options(String namespace, String group, int shards) {
        return NetxOptions.builder(group).namespace(namespace).shards(shards).pollTimeout(Duration.ofMillis(200))
                .orphanTimeout(Duration.ofSeconds(2)).build();
    }

    @Test
    void sagasOnShardsAboveALoweredCountStillComplete() {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        SagaListener<Object> listener = SagaListener.on(SagaPhase.START, Object.class, e -> handled.add(e.sagaId()));
        nodes.start(options("lowered", "inventory", 16), listener).close();

        Netx publisher = nodes.start(options("lowered", "order", 16));
        List<String> sagas = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sagas.add(publisher.sagaManager().startSync(i));
        }
        assertThat(sagas).anyMatch(id -> id.endsWith("-15"));

        nodes.start(options("lowered", "inventory", 4), listener);
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.containsAll(sagas));
    }

    @Test
    void sagasOfTheOldCountCompleteAfterRaisingIt() {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        SagaListener<Object> listener = SagaListener.on(SagaPhase.START, Object.class, e -> handled.add(e.sagaId()));
        nodes.start(options("raised", "inventory", 2), listener).close();
        Netx oldPublisher = nodes.start(options("raised", "order", 2));
        List<String> sagas = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sagas.add(oldPublisher.sagaManager().startSync(i));
        }

        nodes.start(options("raised", "inventory", 8), listener);
        Netx newPublisher = nodes.start(options("raised", "order", 8));
        for (int i = 0; i < 50; i++) {
            sagas.add(newPublisher.sagaManager().startSync(i));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.containsAll(sagas));
        assertThat(sagas).anyMatch(id -> id.endsWith("-7"));
    }
}
