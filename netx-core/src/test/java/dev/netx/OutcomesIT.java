package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import shop.inventory.OutOfStockException;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Callers learn how their sagas ended, from the node that started them or from any other. */
@RedisTest
class OutcomesIT {

    private final RedisServer redis;
    private final Nodes nodes;

    OutcomesIT(RedisServer redis) {
        this.redis = redis;
        this.nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    private static NetxOptions options(String namespace, String group) {
        return NetxOptions.builder(group).namespace(namespace).pollTimeout(Duration.ofMillis(200))
                .orphanTimeout(Duration.ofSeconds(2)).build();
    }

    @Test
    void aCallerAwaitsACommitOrARollbackWithItsCause() {
        nodes.start(options("ends", "payment"), SagaListener.on(SagaPhase.START, String.class, e -> {
            if (e.event().equals("broke")) {
                throw new IllegalStateException("card declined");
            }
            return e.event();
        }).successWith(SuccessWith.PUBLISH_COMMIT));
        Netx order = nodes.start(options("ends", "order"));

        String committed = order.sagaManager().startSync("fine");
        String rolledBack = order.sagaManager().startSync("broke");

        assertThat(order.sagaManager().awaitOutcomeSync(committed, Duration.ofSeconds(10)))
                .isEqualTo(new SagaOutcome(committed, SagaState.COMMITTED, null));
        SagaOutcome failed = order.sagaManager().awaitOutcomeSync(rolledBack, Duration.ofSeconds(10));
        assertThat(failed.state()).isEqualTo(SagaState.ROLLED_BACK);
        assertThat(failed.rollbackCause()).get().asString()
                .isEqualTo("java.lang.IllegalStateException: card declined");
    }

    @Test
    void theExceptionThatRolledASagaBackReachesTheCallerAsItsOwnTypeWithItsFields() {
        nodes.start(options("typed", "inventory"), SagaListener.on(SagaPhase.START, Object.class, e -> {
            throw new OutOfStockException("p1", 3);
        }));
        Netx trusting = nodes.start(options("typed", "order").mutate().trustedPackages(List.of("shop.inventory")).build());
        Netx wary = nodes.start(options("typed", "audit"));

        String sagaId = trusting.sagaManager().startSync("order");

        SagaOutcome outcome = trusting.sagaManager().awaitOutcomeSync(sagaId, Duration.ofSeconds(10));
        assertThat(outcome.failure()).isInstanceOfSatisfying(OutOfStockException.class, e -> {
            assertThat(e.productId()).isEqualTo("p1");
            assertThat(e.requested()).isEqualTo(3);
            assertThat(e).hasMessage("no stock for 3 of p1");
        });
        assertThat(wary.sagaManager().outcomeSync(sagaId).failure()).isInstanceOfSatisfying(RemoteSagaException.class,
                e -> {
                    assertThat(e.remoteType()).isEqualTo(OutOfStockException.class.getName());
                    assertThat(e.remoteMessage()).isEqualTo("no stock for 3 of p1");
                });
    }

    @Test
    void aCallerThatTimesOutFindsTheOutcomeLaterFromAnyNode() {
        CountDownLatch slow = new CountDownLatch(1);
        nodes.start(options("slow", "payment"), SagaListener.on(SagaPhase.START, Object.class, e -> {
            slow.await();
            return null;
        }).successWith(SuccessWith.PUBLISH_COMMIT));
        Netx order = nodes.start(options("slow", "order"));
        Netx other = nodes.start(options("slow", "reporting"));
        String sagaId = order.sagaManager().startSync("x");

        assertThatThrownBy(() -> order.sagaManager().awaitOutcomeSync(sagaId, Duration.ofMillis(300)))
                .isInstanceOf(SagaTimeoutException.class).hasMessageContaining(sagaId);
        CompletableFuture<SagaOutcome> elsewhere = other.sagaManager().awaitOutcome(sagaId, Duration.ofSeconds(20));
        slow.countDown();

        assertThat(elsewhere.join().state()).isEqualTo(SagaState.COMMITTED);
        assertThat(order.sagaManager().outcomeSync(sagaId).state()).isEqualTo(SagaState.COMMITTED);
    }

    @Test
    void awaitingAnUnknownSagaFailsAtOnce() {
        Netx order = nodes.start(options("unknown", "order"));

        assertThatThrownBy(() -> order.sagaManager().awaitOutcomeSync("0190abcdef-3", Duration.ofSeconds(30)))
                .isInstanceOf(SagaNotFoundException.class);
    }

    @Test
    void tenThousandWaitingCallersUseAConstantNumberOfConnections() {
        Netx order = nodes.start(options("many", "order"));
        List<String> sagas = new ArrayList<>();
        List<CompletableFuture<String>> started = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            started.add(order.sagaManager().start(i));
        }
        started.forEach(f -> sagas.add(f.join()));
        RedisClient client = RedisClient.create(redis.redisUri());
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            long before = connections(admin);

            List<CompletableFuture<SagaOutcome>> waiting = sagas.stream()
                    .map(id -> order.sagaManager().awaitOutcome(id, Duration.ofSeconds(60))).toList();
            long whileWaiting = connections(admin);
            List<CompletableFuture<String>> commits = sagas.stream()
                    .map(id -> order.sagaManager().commit(id, null)).toList();
            commits.forEach(CompletableFuture::join);

            await().atMost(Duration.ofSeconds(60)).until(() -> waiting.stream().allMatch(CompletableFuture::isDone));
            assertThat(waiting).allSatisfy(f -> assertThat(f.join().state()).isEqualTo(SagaState.COMMITTED));
            assertThat(whileWaiting).isEqualTo(before);
            assertThat(connections(admin)).isEqualTo(before);
        } finally {
            client.shutdown();
        }
    }

    private static long connections(StatefulRedisConnection<String, String> admin) {
        return admin.sync().clientList().lines().filter(line -> !line.isBlank()).count();
    }
}
