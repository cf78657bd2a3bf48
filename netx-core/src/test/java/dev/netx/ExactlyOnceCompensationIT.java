package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compensations run once per saga and group, whatever is delivered twice. */
@RedisTest
class ExactlyOnceCompensationIT {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final RedisServer redis;
    private Nodes nodes;
    private Refunds refunds;

    ExactlyOnceCompensationIT(RedisServer redis) {
        this.redis = redis;
    }

    @BeforeEach
    void setUp() throws Exception {
        nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
        refunds = new Refunds("jdbc:h2:mem:refunds" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        refunds.createTables();
    }

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    private static NetxOptions options(String namespace, String group) {
        return NetxOptions.builder(group).namespace(namespace).orphanTimeout(Duration.ofMillis(700))
                .pollTimeout(Duration.ofMillis(200)).build();
    }

    @Test
    void aCompensationWhoseAckIsLostAfterItsSideEffectRefundsOnce() {
        String namespace = "lost-ack";
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        for (int i = 1; i <= 2; i++) {
            nodes.start(options(namespace, "payment"),
                    SagaListener.on(SagaPhase.START, NodeMain.Payment.class, e -> null),
                    SagaListener.on(SagaPhase.ROLLBACK, NodeMain.Payment.class, e -> {
                        int call = calls.computeIfAbsent(e.sagaId(), id -> new AtomicInteger()).incrementAndGet();
                        refunds.refund(e.idempotencyKey(), e.sagaId(), 1, 0);
                        if (call == 1) {
                            // the side effect is committed, and then the node fails before its ack
                            throw new IllegalStateException("crash after commit");
                        }
                        return null;
                    }));
        }
        Netx order = nodes.start(options(namespace, "order"));

        List<CompletableFuture<String>> started = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            NodeMain.Payment payment = new NodeMain.Payment("o" + i, 0);
            started.add(order.sagaManager().start(payment)
                    .thenCompose(id -> order.sagaManager().rollback(id, "customer cancelled", payment)));
        }
        List<String> sagas = started.stream().map(CompletableFuture::join).toList();

        await().atMost(Duration.ofSeconds(90)).until(() -> sagas.stream()
                .allMatch(id -> calls.containsKey(id) && calls.get(id).get() >= 2 && isAcked(order, id)));
        Map<String, Integer> perSaga = refundsPerSaga();
        assertThat(sagas).allSatisfy(id -> assertThat(perSaga.get(id)).as("refunds of %s", id).isEqualTo(1));
    }

    @Test
    void aCompensationDeliveredAgainAfterItFinishedDoesNotRunAgain() throws Exception {
        String namespace = "redelivered";
        AtomicInteger runs = new AtomicInteger();
        Netx payment = nodes.start(options(namespace, "payment"),
                SagaListener.on(SagaPhase.ROLLBACK, Object.class, e -> runs.incrementAndGet()));
        String sagaId = payment.sagaManager().startSync("order");
        payment.sagaManager().rollbackSync(sagaId, "cancelled", null);
        await().until(() -> runs.get() == 1);

        RedisClient client = RedisClient.create(redis.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String inbox = replayRollback(connection, namespace, sagaId);
            await().until(() -> connection.sync().xpending(inbox, "payment").getCount() == 0
                    && connection.sync().xlen(inbox) == 1);
        } finally {
            client.shutdown();
        }
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aCompensationDeliveredAgainToTheNodeRunningItDoesNotRunTwice() {
        String namespace = "twice-here";
        CountDownLatch slowRefund = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Netx payment = nodes.start(options(namespace, "payment"),
                SagaListener.on(SagaPhase.ROLLBACK, Object.class, e -> {
                    runs.incrementAndGet();
                    slowRefund.await();
                    return null;
                }));
        String sagaId = payment.sagaManager().startSync("order");
        payment.sagaManager().rollbackSync(sagaId, "cancelled", null);
        await().until(() -> runs.get() == 1);

        RedisClient client = RedisClient.create(redis.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            // the same rollback from the group's inbox (as a late rollback is queued) while the first still runs
            String inbox = replayRollback(connection, namespace, sagaId);
            await().until(() -> connection.sync().xpending(inbox, "payment").getCount() == 1);
            await().during(Duration.ofMillis(500)).until(() -> runs.get() == 1);
            slowRefund.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> connection.sync().xpending(inbox, "payment")
                    .getCount() == 0);
        } finally {
            client.shutdown();
        }
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aGroupThatFinishesItsStepAfterTheRollbackStillCompensatesOnce() {
        String namespace = "late";
        CountDownLatch slowStep = new CountDownLatch(1);
        Set<String> debited = ConcurrentHashMap.newKeySet();
        AtomicInteger compensations = new AtomicInteger();
        for (int i = 1; i <= 2; i++) {
            nodes.start(options(namespace, "payment"),
                    SagaListener.on(SagaPhase.START, Object.class, e -> {
                        slowStep.await();
                        return debited.add(e.sagaId());
                    }),
                    SagaListener.on(SagaPhase.ROLLBACK, Object.class, e -> compensations.incrementAndGet()));
        }
        Netx order = nodes.start(options(namespace, "order"));
        String sagaId = order.sagaManager().startSync("order");
        order.sagaManager().rollbackSync(sagaId, "cancelled", null);
        String shard = sagaId.substring(sagaId.lastIndexOf('-') + 1);
        RedisClient client = RedisClient.create(redis.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String events = "netx:{" + namespace + ":" + shard + "}:events";
            // the rollback was seen and skipped (payment had not taken part yet); only the start is pending
            await().until(() -> connection.sync().xpending(events, "payment").getCount() == 1
                    && connection.sync().xinfoGroups(events).stream().map(Object::toString)
                            .anyMatch(group -> group.contains("payment")));
        } finally {
            client.shutdown();
        }
        slowStep.countDown();

        await().until(() -> debited.contains(sagaId) && compensations.get() == 1);
        assertThat(order.sagaManager().outcomeSync(sagaId).state()).isEqualTo(SagaState.ROLLED_BACK);
    }

    @Test
    void twoNodesRunningTheSameCompensationAtOnceRefundOnce() throws Exception {
        String namespace = "frozen-refund";
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Server h2 = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:shared" + DATABASES.incrementAndGet()
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=500";
        Refunds shared = new Refunds(url);
        shared.createTables();
        RedisClient client = RedisClient.create(redis.redisUri());
        Duration orphanTimeout = Duration.ofSeconds(1);
        try (StatefulRedisConnection<String, String> tracker = client.connect();
                ChildNode frozen = ChildNode.start(redis.uri(), namespace, "refund-frozen", orphanTimeout, "refund",
                        url)) {
            Netx order = nodes.start(options(namespace, "order"));
            Netx payment = nodes.start(options(namespace, "payment"));
            String sagaId = order.sagaManager().startSync(new NodeMain.Payment("o1", 3_000));
            payment.sagaManager().joinSync(sagaId, new NodeMain.Payment("o1", 3_000));
            payment.close();
            order.sagaManager().rollbackSync(sagaId, "cancelled", new NodeMain.Payment("o1", 3_000));

            await().until(() -> tracker.sync().hexists("test:working:" + namespace, sagaId));
            frozen.pause();
            AtomicInteger rescues = new AtomicInteger();
            nodes.start(NetxOptions.builder("payment").namespace(namespace).nodeName("refund-rescuer")
                    .orphanTimeout(orphanTimeout).maxDeliveries(50).pollTimeout(Duration.ofMillis(200)).build(),
                    SagaListener.on(SagaPhase.ROLLBACK, NodeMain.Payment.class, e -> {
                        rescues.incrementAndGet();
                        return shared.refund(e.idempotencyKey(), e.sagaId(), 1, 0);
                    }));
            await().atMost(Duration.ofSeconds(20)).until(() -> rescues.get() >= 1);
            frozen.resume();

            await().atMost(Duration.ofSeconds(30)).until(() -> frozen.output().contains("FENCED"));
            await().atMost(Duration.ofSeconds(30)).until(() -> isAcked(order, sagaId));
            assertThat(shared.refundsPerSaga()).containsExactly(Map.entry(sagaId, 1));
        } finally {
            client.shutdown();
            h2.stop();
        }
    }

    /** Writes the saga's rollback into the payment group's inbox again; returns the inbox. */
    private static String replayRollback(StatefulRedisConnection<String, String> connection, String namespace,
            String sagaId) {
        String shard = sagaId.substring(sagaId.lastIndexOf('-') + 1);
        String inbox = "netx:{" + namespace + ":" + shard + "}:inbox:payment";
        connection.sync().xadd(inbox, Map.of("s", sagaId, "p", "R", "t", "", "g", "payment", "n", "replay"));
        return inbox;
    }

    private Map<String, Integer> refundsPerSaga() {
        try {
            return refunds.refundsPerSaga();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the payment group has nothing of this saga's shard pending. */
    private boolean isAcked(Netx node, String sagaId) {
        String shard = sagaId.substring(sagaId.lastIndexOf('-') + 1);
        RedisClient client = RedisClient.create(redis.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String events = "netx:{" + node.options().namespace() + ":" + shard + "}:events";
            String inbox = "netx:{" + node.options().namespace() + ":" + shard + "}:inbox:payment";
            return connection.sync().xpending(events, "payment").getCount() == 0
                    && connection.sync().xpending(inbox, "payment").getCount() == 0;
        } finally {
            client.shutdown();
        }
    }
}
