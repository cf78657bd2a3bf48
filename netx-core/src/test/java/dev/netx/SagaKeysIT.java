package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Callers that retry: a start with a saga key runs one saga per key, across nodes racing with the
 * same key, returns the first saga to a retry, refuses the key with another request, and forgets the
 * key with the saga's state.
 */
@RedisTest
class SagaKeysIT {

    private static final int KEYS = 100;

    record Order(String orderId, long amount) {
    }

    private static NetxOptions options(String namespace, String group, Duration retention) {
        return NetxOptions.builder(group).namespace(namespace).shards(8).retention(retention)
                .orphanTimeout(Duration.ofSeconds(1)).pollTimeout(Duration.ofMillis(200))
                .trimInterval(Duration.ofMillis(200)).build();
    }

    private static Orchestrator<Order, String> charge(Netx node) {
        return node.orchestrators().create("charge", Order.class)
                .start(Step.<Order, String>remote("payment", "debit", String.class))
                .commit(Step.local(String.class, (String debit, SagaContext c) -> debit));
    }

    @Test
    void twoNodesRacingWithTheSameKeysStartOneSagaPerKeyAndEveryCallerGetsItsResult(RedisServer redis) {
        Map<String, AtomicInteger> debits = new ConcurrentHashMap<>();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            nodes.start(options("keys-race", "payment", Duration.ofMinutes(5)), builder -> builder.participant(
                    ParticipantHandler.of("debit", Order.class, (Order order, SagaContext c) -> {
                        debits.computeIfAbsent(order.orderId(), id -> new AtomicInteger()).incrementAndGet();
                        return "debited " + order.orderId() + " in " + c.sagaId();
                    })));
            Orchestrator<Order, String> first = charge(nodes.start(options("keys-race", "order", Duration.ofMinutes(5)),
                    builder -> {
                    }));
            Orchestrator<Order, String> second = charge(nodes.start(options("keys-race", "order",
                    Duration.ofMinutes(5)), builder -> {
                    }));

            List<CompletableFuture<Result<String>>> a = new ArrayList<>();
            List<CompletableFuture<Result<String>>> b = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                Order order = new Order("o" + i, 100 + i);
                SagaCall call = SagaCall.defaults().withKey("order:o" + i);
                a.add(first.saga(order, call));
                b.add(second.saga(order, call));
            }

            for (int i = 0; i < KEYS; i++) {
                Result<String> one = a.get(i).join();
                Result<String> other = b.get(i).join();
                assertThat(other.sagaId()).isEqualTo(one.sagaId());
                assertThat(other.get()).isEqualTo(one.get()).isEqualTo("debited o" + i + " in " + one.sagaId());
            }
            assertThat(debits).hasSize(KEYS);
            assertThat(debits.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));

            Result<String> retry = first.sagaSync(new Order("o7", 107), SagaCall.defaults().withKey("order:o7"));
            assertThat(retry.sagaId()).isEqualTo(a.get(7).join().sagaId());
            assertThat(debits.get("o7").get()).isEqualTo(1);
        }
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndWritesNothing(RedisServer redis) {
        AtomicInteger debits = new AtomicInteger();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            nodes.start(options("keys-conflict", "payment", Duration.ofMinutes(5)), builder -> builder.participant(
                    ParticipantHandler.of("debit", Order.class, (Order order, SagaContext c) -> {
                        debits.incrementAndGet();
                        return "debited";
                    })));
            Orchestrator<Order, String> charge = charge(nodes.start(options("keys-conflict", "order",
                    Duration.ofMinutes(5)), builder -> {
                    }));
            String sagaId = charge.sagaSync(new Order("o1", 300), SagaCall.defaults().withKey("k1")).sagaId();

            assertThatThrownBy(() -> charge.sagaSync(new Order("o1", 999), SagaCall.defaults().withKey("k1")))
                    .isInstanceOf(SagaKeyConflictException.class)
                    .hasMessageContaining("'k1' belongs to saga " + sagaId)
                    .satisfies(e -> assertThat(((SagaKeyConflictException) e).sagaId()).isEqualTo(sagaId));
            assertThat(debits.get()).isEqualTo(1);
            assertThatThrownBy(() -> SagaCall.defaults().withKey("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SagaCall.defaults().withKey("a\nb")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aChoreographedStartWithAKeyPublishesOnceAndAnyNodeFindsTheSagaByItsKey(RedisServer redis) {
        AtomicInteger started = new AtomicInteger();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx shop = nodes.start(options("keys-choreography", "shop", Duration.ofMinutes(5)),
                    SagaListener.on(SagaPhase.START, Order.class, e -> {
                        started.incrementAndGet();
                        return e.event().orderId();
                    }).successWith(SuccessWith.PUBLISH_COMMIT));
            Netx other = nodes.start(options("keys-choreography", "audit", Duration.ofMinutes(5)), builder -> {
            });

            String sagaId = shop.sagaManager().startSync("order:o1", new Order("o1", 300));
            assertThat(other.sagaManager().startSync("order:o1", new Order("o1", 300))).isEqualTo(sagaId);
            await().atMost(Duration.ofSeconds(20)).until(() -> shop.sagaManager().outcomeSync(sagaId).isFinished());
            assertThat(shop.sagaManager().startSync("order:o1", new Order("o1", 300))).isEqualTo(sagaId);

            assertThat(started.get()).isEqualTo(1);
            assertThat(other.sagaManager().findByKey("order:o1").join()).contains(sagaId);
            assertThat(other.sagaManager().findByKey("order:o2").join()).isEmpty();
            assertThatThrownBy(() -> other.sagaManager().startSync("order:o1", new Order("o1", 301)))
                    .isInstanceOf(SagaKeyConflictException.class);
        }
    }

    @Test
    void aKeyIsForgottenWithItsSagaOnceTheRetentionHasPassed(RedisServer redis) {
        AtomicInteger debits = new AtomicInteger();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                RedisClient client = RedisClient.create(redis.redisUri());
                StatefulRedisConnection<String, String> raw = client.connect()) {
            Duration retention = Duration.ofSeconds(1);
            nodes.start(options("keys-expiry", "payment", retention), builder -> builder.participant(
                    ParticipantHandler.of("debit", Order.class, (Order order, SagaContext c) -> {
                        debits.incrementAndGet();
                        return "debited";
                    })));
            Netx order = nodes.start(options("keys-expiry", "order", retention), builder -> {
            });
            Orchestrator<Order, String> charge = charge(order);
            String first = charge.sagaSync(new Order("o1", 300), SagaCall.defaults().withKey("k1")).sagaId();
            assertThat(raw.sync().keys("netx:*:key:*")).hasSize(1);
            assertThat(raw.sync().pttl(raw.sync().keys("netx:*:key:*").get(0))).isBetween(1L, 1_000L);

            await().atMost(Duration.ofSeconds(20)).until(() -> order.sagaManager().findByKey("k1").join().isEmpty());
            assertThat(raw.sync().keys("netx:*:key:*")).isEmpty();

            String second = charge.sagaSync(new Order("o1", 300), SagaCall.defaults().withKey("k1")).sagaId();
            assertThat(second).isNotEqualTo(first);
            assertThat(order.sagaManager().findByKey("k1").join()).isEqualTo(Optional.of(second));
            assertThat(debits.get()).isEqualTo(2);
        }
    }
}
