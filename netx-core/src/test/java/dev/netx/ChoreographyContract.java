package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What choreography promises, on any Redis topology: each subclass supplies clients of one.
 */
abstract class ChoreographyContract {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    /** Record types of the sample flow. */
    record OrderPlaced(String orderId, long amount) {
    }

    record PaymentDone(String orderId) {
    }

    record StockReserved(String orderId) {
    }

    protected Nodes nodes;
    protected String namespace;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** A new client of the topology under test. */
    abstract AbstractRedisClient newClient();

    /** How many sagas the flow test runs on this topology. */
    int sagaCount() {
        return 5_000;
    }

    @BeforeEach
    void setUp() {
        namespace = "t" + NAMESPACES.incrementAndGet() + "-" + ProcessHandle.current().pid();
        nodes = new Nodes(this::newClient);
    }

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    NetxOptions options(String group, String node) {
        return NetxOptions.builder(group).namespace(namespace).nodeName(node).orphanTimeout(Duration.ofSeconds(2))
                .pollTimeout(Duration.ofMillis(500)).maxDeliveries(3).build();
    }

    private int count(String group, String phase, String sagaId) {
        return calls.computeIfAbsent(group + ":" + phase + ":" + sagaId, k -> new AtomicInteger()).incrementAndGet();
    }

    private int calls(String group, String phase, String sagaId) {
        AtomicInteger n = calls.get(group + ":" + phase + ":" + sagaId);
        return n == null ? 0 : n.get();
    }

    @Test
    void keyedStartsFromTwoNodesStartOneSagaPerKeyAndOneOrchestratedSagaPerKey() {
        AtomicInteger debits = new AtomicInteger();
        Netx payment = nodes.start(options("payment", "payment-1"), builder -> builder
                .listener(SagaListener.on(SagaPhase.START, OrderPlaced.class, e -> {
                    count("payment", "start", e.sagaId());
                    return null;
                }))
                .participant(ParticipantHandler.of("debit", OrderPlaced.class, (OrderPlaced order, SagaContext c) -> {
                    debits.incrementAndGet();
                    return order.orderId();
                })));
        Netx order = nodes.start(options("order", "order-1"), builder -> {
        });
        Orchestrator<OrderPlaced, String> charge = order.orchestrators().create("charge", OrderPlaced.class)
                .start(Step.<OrderPlaced, String>remote("payment", "debit", String.class))
                .commit(Step.local(String.class, (String debited, SagaContext c) -> debited));
        List<CompletableFuture<String>> starts = new ArrayList<>();
        List<CompletableFuture<Result<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            OrderPlaced placed = new OrderPlaced("o" + i, i);
            starts.add(order.sagaManager().start("event:o" + i, placed));
            starts.add(payment.sagaManager().start("event:o" + i, placed));
            calls.add(charge.saga(placed, SagaCall.defaults().withKey("call:o" + i)));
            calls.add(charge.saga(placed, SagaCall.defaults().withKey("call:o" + i)));
        }

        for (int i = 0; i < 20; i++) {
            String sagaId = starts.get(2 * i).join();
            assertThat(starts.get(2 * i + 1).join()).isEqualTo(sagaId);
            await().atMost(Duration.ofSeconds(30)).until(() -> calls("payment", "start", sagaId) == 1);
            assertThat(payment.sagaManager().findByKey("event:o" + i).join()).contains(sagaId);
            assertThat(calls.get(2 * i).join().sagaId()).isEqualTo(calls.get(2 * i + 1).join().sagaId());
        }
        assertThat(debits.get()).isEqualTo(20);
    }

    @Test
    void everyGroupHandlesEachSagaOnceFromStartThroughJoinToCommit() {
        for (int i = 1; i <= 2; i++) {
            nodes.start(options("order", "order-" + i), SagaListener.on(SagaPhase.COMMIT, StockReserved.class,
                    e -> count("order", "commit", e.sagaId())));
            nodes.start(options("payment", "payment-" + i), SagaListener.on(SagaPhase.START, OrderPlaced.class, e -> {
                count("payment", "start", e.sagaId());
                return new PaymentDone(e.event().orderId());
            }).successWith(SuccessWith.PUBLISH_JOIN));
            nodes.start(options("inventory", "inventory-" + i), SagaListener.on(SagaPhase.JOIN, PaymentDone.class, e -> {
                count("inventory", "join", e.sagaId());
                return new StockReserved(e.event().orderId());
            }).successWith(SuccessWith.PUBLISH_COMMIT));
        }
        Netx publisher = nodes.start(options("order", "order-publisher"));

        List<CompletableFuture<String>> started = new ArrayList<>();
        for (int i = 0; i < sagaCount(); i++) {
            started.add(publisher.sagaManager().start(new OrderPlaced("o" + i, i)));
        }
        List<String> sagaIds = started.stream().map(CompletableFuture::join).toList();

        await().atMost(Duration.ofSeconds(90)).until(() -> sagaIds.stream().allMatch(id -> calls("order", "commit", id) > 0));
        for (String id : sagaIds) {
            assertThat(calls("payment", "start", id)).as("payment start of %s", id).isEqualTo(1);
            assertThat(calls("inventory", "join", id)).as("inventory join of %s", id).isEqualTo(1);
            assertThat(calls("order", "commit", id)).as("order commit of %s", id).isEqualTo(1);
        }
        // the console's activity on this topology: every node's counts, summed
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<ActivityInterval> activity = publisher.inspector().activity(Duration.ofMinutes(10)).join();
            assertThat(activity.stream().mapToLong(ActivityInterval::started).sum()).isEqualTo(sagaCount());
            assertThat(activity.stream().mapToLong(ActivityInterval::committed).sum()).isEqualTo(sagaCount());
            assertThat(activity.stream().mapToLong(interval -> interval.handled().getOrDefault("inventory", 0L))
                    .sum()).isGreaterThanOrEqualTo(sagaCount());
        });
    }

    @Test
    void aFailingListenerRollsBackEveryGroupThatTookPartAndNoOther() {
        Set<String> rolledBack = ConcurrentHashMap.newKeySet();
        Netx order = nodes.start(options("order", "order-1"), SagaListener.on(SagaPhase.ROLLBACK, OrderPlaced.class, e -> {
            assertThat(e.cause()).get().asString().contains("out of stock");
            return rolledBack.add("order:" + e.sagaId());
        }));
        nodes.start(options("payment", "payment-1"),
                SagaListener.on(SagaPhase.START, OrderPlaced.class, e -> e.event()).successWith(SuccessWith.PUBLISH_JOIN),
                SagaListener.on(SagaPhase.ROLLBACK, Object.class, e -> rolledBack.add("payment:" + e.sagaId())));
        nodes.start(options("inventory", "inventory-1"),
                SagaListener.on(SagaPhase.JOIN, OrderPlaced.class, e -> {
                    throw new IllegalStateException("out of stock");
                }),
                SagaListener.on(SagaPhase.ROLLBACK, Object.class, e -> rolledBack.add("inventory:" + e.sagaId())));
        nodes.start(options("audit", "audit-1"),
                SagaListener.on(SagaPhase.ROLLBACK, Object.class, e -> rolledBack.add("audit:" + e.sagaId())));

        String sagaId = order.sagaManager().startSync(new OrderPlaced("o1", 10));

        await().atMost(Duration.ofSeconds(20)).until(() -> rolledBack.size() >= 3);
        assertThat(rolledBack).containsExactlyInAnyOrder("order:" + sagaId, "payment:" + sagaId, "inventory:" + sagaId);
        assertThatThrownBy(() -> order.sagaManager().commitSync(sagaId, null))
                .isInstanceOf(SagaStateException.class).hasMessageContaining("ROLLED_BACK");
    }

    @Test
    void anAsyncListenerThatReturnsNoStageRollsTheSagaBackWithAClearCause() {
        Netx order = nodes.start(options("order", "order-1"));
        nodes.start(options("payment", "payment-1"), SagaListener.onAsync(SagaPhase.START, OrderPlaced.class, e -> null));

        String sagaId = order.sagaManager().startSync(new OrderPlaced("o1", 10));

        SagaOutcome outcome = order.sagaManager().awaitOutcomeSync(sagaId, Duration.ofSeconds(10));
        assertThat(outcome.state()).isEqualTo(SagaState.ROLLED_BACK);
        assertThat(outcome.cause()).contains("returned null instead of a CompletionStage");
    }

    @Test
    void noRollbackForEndsTheStepWithoutARollback() {
        Set<String> events = ConcurrentHashMap.newKeySet();
        Netx order = nodes.start(options("order", "order-1"),
                SagaListener.on(SagaPhase.ROLLBACK, Object.class, e -> events.add("rollback")));
        nodes.start(options("payment", "payment-1"), SagaListener.on(SagaPhase.START, OrderPlaced.class, e -> {
            events.add("payment");
            throw new UnsupportedOperationException("duplicate request");
        }).noRollbackFor(UnsupportedOperationException.class));

        String sagaId = order.sagaManager().startSync(new OrderPlaced("o1", 10));
        await().until(() -> events.contains("payment"));
        order.sagaManager().commitSync(sagaId, null);

        assertThat(events).containsExactly("payment");
    }

    @Test
    void publishingToAnUnknownSagaFailsClearly() {
        Netx order = nodes.start(options("order", "order-1"));

        assertThatThrownBy(() -> order.sagaManager().joinSync("0190aaaa-3", null))
                .isInstanceOf(SagaNotFoundException.class).hasMessageContaining("0190aaaa-3");
        assertThatThrownBy(() -> order.sagaManager().joinSync("not an id", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(order.sagaManager().existsSync("0190aaaa-3")).isFalse();
    }

    @Test
    void aRollbackListenerThatKeepsFailingIsDeadLetteredAndRelayable() {
        AtomicInteger attempts = new AtomicInteger();
        Set<String> compensated = ConcurrentHashMap.newKeySet();
        List<DeadLetter> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        var healthy = new java.util.concurrent.atomic.AtomicBoolean();
        Netx payment = nodes.start(options("payment", "payment-1"), builder -> builder
                .listener(SagaListener.on(SagaPhase.ROLLBACK, Object.class, e -> {
                    attempts.incrementAndGet();
                    if (!healthy.get()) {
                        throw new IllegalStateException("refund service down");
                    }
                    return compensated.add(e.sagaId());
                }))
                .deadLetterListener(told::add));
        String sagaId = payment.sagaManager().startSync(new OrderPlaced("o1", 10));
        payment.sagaManager().rollbackSync(sagaId, "customer cancelled", null);

        await().atMost(Duration.ofSeconds(30)).until(() -> !told.isEmpty());
        List<DeadLetter> letters = payment.deadLetters().list(10).join();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.sagaId()).isEqualTo(sagaId);
            assertThat(letter.group()).isEqualTo("payment");
            assertThat(letter.reason()).contains("refund service down");
            assertThat(letter.deliveries()).isEqualTo(3);
        });
        assertThat(told.get(0).id()).isEqualTo(letters.get(0).id());
        assertThat(attempts.get()).isEqualTo(3);

        healthy.set(true);
        assertThat(payment.deadLetters().relay(letters.get(0).id()).join()).isTrue();

        await().until(() -> compensated.contains(sagaId));
        assertThat(payment.deadLetters().list(10).join()).isEmpty();
    }

    @Test
    void aPoisonMessageIsDeadLetteredWithItsReasonWhileTheNodeKeepsWorking() {
        Set<String> committed = ConcurrentHashMap.newKeySet();
        Netx order = nodes.start(options("order", "order-1"),
                SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())),
                SagaListener.on(SagaPhase.START, Object.class, e -> null).successWith(SuccessWith.PUBLISH_COMMIT));
        String poisonId = injectGarbage("netx:{" + namespace + ":0}:events");

        await().atMost(Duration.ofSeconds(30)).until(() -> !order.deadLetters().list(10).join().isEmpty());
        DeadLetter letter = order.deadLetters().list(10).join().get(0);
        assertThat(letter.reason()).contains("undecodable message");
        assertThat(letter.fields()).containsEntry("garbage", "\u0000{not json");
        assertThat(letter.id()).startsWith("0/");
        assertThat(letter.fields()).doesNotContainKey(poisonId);

        String sagaId = order.sagaManager().startSync(new OrderPlaced("o2", 1));
        await().until(() -> committed.contains(sagaId));

        assertThat(order.deadLetters().delete(letter.id()).join()).isTrue();
        assertThat(order.deadLetters().list(10).join()).isEmpty();
    }

    @Test
    void anEntryDeletedWhilePendingIsAcknowledgedNotDeadLettered() {
        Netx payment = nodes.start(options("payment", "payment-1"),
                SagaListener.on(SagaPhase.START, Object.class, e -> null));
        String stream = "netx:{" + namespace + ":0}:events";
        String poison = injectGarbage(stream);
        // the undecodable entry stays pending for a retry
        await().until(() -> pending(stream, "payment") == 1);

        delete(stream, poison);

        await().atMost(Duration.ofSeconds(20)).until(() -> pending(stream, "payment") == 0);
        assertThat(payment.deadLetters().list(10).join()).isEmpty();
    }

    private long pending(String stream, String group) {
        return withAdmin(admin -> admin.xpending(stream, group).getCount());
    }

    private void delete(String stream, String id) {
        withAdmin(admin -> admin.xdel(stream, id));
    }

    private <T> T withAdmin(java.util.function.Function<io.lettuce.core.cluster.api.sync.RedisClusterCommands<String,
            String>, T> action) {
        AbstractRedisClient client = newClient();
        try {
            if (client instanceof RedisClusterClient cluster) {
                try (var connection = cluster.connect()) {
                    return action.apply(connection.sync());
                }
            }
            try (var connection = ((RedisClient) client).connect()) {
                return action.apply(connection.sync());
            }
        } finally {
            client.shutdown();
        }
    }

    /** Appends an entry no Netx node wrote; returns its id. */
    String injectGarbage(String stream) {
        AbstractRedisClient client = newClient();
        try {
            Map<String, String> body = Map.of("garbage", "\u0000{not json");
            if (client instanceof RedisClusterClient cluster) {
                try (var connection = cluster.connect()) {
                    return connection.sync().xadd(stream, body);
                }
            }
            try (var connection = ((RedisClient) client).connect()) {
                return connection.sync().xadd(stream, body);
            }
        } finally {
            client.shutdown();
        }
    }

    /** Waits for a supplier to hold. */
    static void awaitTrue(Supplier<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).until(condition::get);
    }
}
