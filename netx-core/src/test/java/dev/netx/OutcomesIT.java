package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import shop.inventory.OutOfStockException;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    void aRollbackReachesItsCallerWithTheFailureAndCauseThatAnyNodeReadsBack() throws Exception {
        RedisClient client = RedisClient.create(redis.redisUri());
        Queue<String> news = new ConcurrentLinkedQueue<>();
        try (StatefulRedisPubSubConnection<String, String> subscription = client.connectPubSub()) {
            subscription.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    news.add(message);
                }
            });
            subscription.sync().psubscribe("netx:{news}:outcomes:*");
            CountDownLatch go = new CountDownLatch(1);
            nodes.start(options("news", "payment"), SagaListener.on(SagaPhase.START, String.class, e -> {
                go.await();
                if (e.event().equals("idle")) {
                    return null;
                }
                throw new IllegalStateException(e.event().equals("long") ? "x".repeat(20_000) : "card\ndeclined");
            }));
            Netx order = nodes.start(options("news", "order"));
            Netx other = nodes.start(options("news", "reporting"));
            Orchestrator<String, String> orchestrator = order.orchestrators().create("refusing", String.class)
                    .start(Step.local(String.class, (String in, SagaContext c) -> in))
                    .commit(Step.local(String.class, (String in, SagaContext c) -> {
                        throw new OutOfStockException("p9", 2);
                    }));

            List<String> sagas = new ArrayList<>();
            for (String event : List.of("newline", "long", "idle", "idle")) {
                sagas.add(order.sagaManager().startSync(event));
            }
            List<CompletableFuture<SagaOutcome>> told = sagas.stream()
                    .map(id -> order.sagaManager().awaitOutcome(id, Duration.ofSeconds(20))).toList();
            go.countDown();
            order.sagaManager().rollbackSync(sagas.get(2), "customer cancelled", null);
            order.sagaManager().rollbackSync(sagas.get(3), null, null);
            Result<String> refused = orchestrator.sagaSync("x");

            for (int i = 0; i < sagas.size(); i++) {
                SagaOutcome heard = told.get(i).join();
                SagaOutcome read = other.sagaManager().outcomeSync(sagas.get(i));
                assertThat(heard.state()).isEqualTo(SagaState.ROLLED_BACK).isEqualTo(read.state());
                assertThat(heard.cause()).as("cause of saga %d", i).isEqualTo(read.cause());
                assertSameFailure(heard.failure(), read.failure());
            }
            assertThat(told.get(0).join().failure()).hasMessage("card\ndeclined");
            assertThat(told.get(2).join().cause()).isEqualTo("customer cancelled");
            assertThat(told.get(3).join().cause()).isNull();
            assertSameFailure(refused.failure(), orchestrator.result(refused.sagaId()).join().failure());
            assertThat(refused.failure()).isInstanceOfSatisfying(RemoteSagaException.class,
                    e -> assertThat(e.remoteType()).isEqualTo(OutOfStockException.class.getName()));
            // what is small travels with the news, so that the caller's node need not read it; the rest is read
            for (String sagaId : List.of(sagas.get(0), sagas.get(2), sagas.get(3), refused.sagaId())) {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(news)
                        .anyMatch(message -> message.startsWith(sagaId + " ROLLED_BACK+ ")));
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(news)
                    .contains(sagas.get(1) + " ROLLED_BACK"));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aCallerLearnsARollbackFromItsNewsAloneAndReadsTheSagaWhenTheNewsSaysNothingMore() {
        Netx order = nodes.start(options("heard", "order").mutate().nodeName("order-1").build());
        String told = order.sagaManager().startSync("x");
        String silent = order.sagaManager().startSync("y");
        CompletableFuture<SagaOutcome> toldOutcome = order.sagaManager().awaitOutcome(told, Duration.ofSeconds(20));
        CompletableFuture<SagaOutcome> silentOutcome = order.sagaManager().awaitOutcome(silent, Duration.ofSeconds(20));
        // the waits' first reads (on the node's one connection) are answered before this one: both saw STARTED
        assertThat(order.sagaManager().outcomeSync(silent).state()).isEqualTo(SagaState.STARTED);
        RedisClient client = RedisClient.create(redis.redisUri());
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            // the sagas' state goes and the news comes at once: a node that read the state back would find none
            String vanish = "redis.call('DEL', KEYS[1]) redis.call('PUBLISH', ARGV[1], ARGV[2]) return 1";
            admin.sync().eval(vanish, ScriptOutputType.INTEGER, new String[] {sagaKey(admin, told)},
                    "netx:{heard}:outcomes:order-1", told + " ROLLED_BACK+ \ncustomer\ncancelled");
            admin.sync().eval(vanish, ScriptOutputType.INTEGER, new String[] {sagaKey(admin, silent)},
                    "netx:{heard}:outcomes:order-1", silent + " ROLLED_BACK");

            assertThat(toldOutcome.join()).isEqualTo(new SagaOutcome(told, SagaState.ROLLED_BACK, "customer\ncancelled"));
            assertThatThrownBy(silentOutcome::join).hasCauseInstanceOf(SagaNotFoundException.class);
        } finally {
            client.shutdown();
        }
    }

    private static String sagaKey(StatefulRedisConnection<String, String> admin, String sagaId) {
        List<String> found = admin.sync().keys("netx:{heard:*}:saga:" + sagaId);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static void assertSameFailure(Throwable heard, Throwable read) {
        if (read == null) {
            assertThat(heard).isNull();
            return;
        }
        assertThat(heard).isNotNull().hasSameClassAs(read).hasMessage(read.getMessage());
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
