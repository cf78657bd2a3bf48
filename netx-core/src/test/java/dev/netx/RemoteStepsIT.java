package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import shop.inventory.OutOfStockException;

/**
 * Remote steps across three groups, each node on its own client, with a payment node in a child JVM
 * killed (SIGKILL) under load: every saga reaches an outcome, and every refund happens once.
 */
@RedisTest
class RemoteStepsIT {

    private static final Duration ORPHAN_TIMEOUT = Duration.ofSeconds(1);
    private static final int SAGAS = 1_000;

    record Receipt(String orderId, boolean reserved) {
    }

    private static NetxOptions options(String group) {
        return NetxOptions.builder(group).namespace("remote").orphanTimeout(ORPHAN_TIMEOUT)
                .pollTimeout(Duration.ofMillis(200)).maxDeliveries(20).trustedPackages(List.of("shop.inventory"))
                .build();
    }

    @Test
    void everySagaEndsAndEveryRefundHappensOnceWhileAParticipantIsKilled(RedisServer redis) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Server h2 = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:remote;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=2000";
        Refunds refunds = new Refunds(url);
        refunds.createTables();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                ChildNode doomed = ChildNode.start(redis.uri(), "remote", "payment-doomed", ORPHAN_TIMEOUT,
                        "payment-participant", url)) {
            nodes.start(options("payment"), builder -> builder
                    .participant(ParticipantHandler.of("debit", NodeMain.Payment.class, (payment, context) -> payment))
                    .participant(ParticipantHandler.of("refund", NodeMain.Payment.class, (payment, context) ->
                            refunds.refund(context.idempotencyKey(), context.sagaId(), 1, 0))));
            nodes.start(options("inventory"), builder -> builder
                    .participant(ParticipantHandler.of("reserve", NodeMain.Payment.class, (payment, context) -> {
                        if (payment.orderId().endsWith("7")) {
                            throw new OutOfStockException(payment.orderId(), 1);
                        }
                        return true;
                    })));
            Orchestrator<NodeMain.Payment, Receipt> placeOrder = nodes.start(options("order"), builder -> {
            }).orchestrators().create("place-order", NodeMain.Payment.class)
                    .start(Step.local(NodeMain.Payment.class, (NodeMain.Payment order, SagaContext c) -> order))
                    .join(Step.remote("payment", "debit", NodeMain.Payment.class, "refund"))
                    .join(Step.remote("inventory", "reserve", Boolean.class))
                    .commit(Step.local(Receipt.class, (Boolean reserved, SagaContext c) -> new Receipt(c.sagaId(),
                            reserved)));

            List<CompletableFuture<Result<Receipt>>> calls = new ArrayList<>();
            SagaCall call = SagaCall.defaults().withTimeout(Duration.ofSeconds(90));
            for (int i = 0; i < SAGAS; i++) {
                calls.add(placeOrder.saga(new NodeMain.Payment("o" + i, 0), call));
                if (i == SAGAS / 3) {
                    doomed.kill();
                }
            }

            List<Result<Receipt>> results = calls.stream().map(CompletableFuture::join).toList();
            List<String> cancelled = results.stream().filter(r -> !r.isSuccess()).map(Result::sagaId).toList();
            assertThat(results).allSatisfy(result -> {
                if (!result.isSuccess()) {
                    assertThat(result.failure()).isInstanceOf(OutOfStockException.class);
                }
            });
            assertThat(cancelled).hasSize(SAGAS / 10);
            Map<String, Integer> refunded = refunds.refundsPerSaga();
            assertThat(refunded.keySet()).containsExactlyInAnyOrderElementsOf(cancelled);
            assertThat(refunded.values()).containsOnly(1);
        } finally {
            h2.stop();
        }
    }

    @Test
    void theOrchestratorRetriesARemoteStepAsItsPolicySays(RedisServer redis) {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            nodes.start(options("flaky-inventory"), builder -> builder
                    .participant(ParticipantHandler.of("reserve", String.class, (String sku, SagaContext context) -> {
                        if (calls.incrementAndGet() < 3) {
                            throw new IllegalStateException("busy");
                        }
                        return sku + " reserved";
                    })));
            Orchestrator<String, String> reserve = nodes.start(options("flaky-order"), builder -> {
            }).orchestrators().create("reserve", String.class)
                    .start(Step.<String, String>remote("flaky-inventory", "reserve", String.class)
                            .withPolicy(StepPolicy.defaults().withRetry(3, Duration.ofMillis(50),
                                    IllegalStateException.class)))
                    .commit(Step.local(String.class, (String in, SagaContext c) -> in));

            assertThat(reserve.sagaSync("p1").get()).isEqualTo("p1 reserved");
            assertThat(calls.get()).isEqualTo(3);
        }
    }

    @Test
    void aSagaWaitingOnADownParticipantRollsBackAtItsDeadlineAndTheCallNeverRuns(RedisServer redis) {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger undone = new AtomicInteger();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx orders = nodes.start(options("late-order"), builder -> {
            });
            Orchestrator<String, String> reserve = orders.orchestrators().create("reserve", String.class)
                    .start(Step.local(String.class, (String in, SagaContext c) -> in,
                            (in, c) -> undone.incrementAndGet()))
                    .join(Step.remote("late-inventory", "reserve", String.class))
                    .deadline(Duration.ofMillis(500))
                    .commit(Step.local(String.class, (String in, SagaContext c) -> in));
            // the inventory group has started before, so its consumer group exists, but it is down now
            nodes.start(options("late-inventory"), builder -> builder
                    .participant(ParticipantHandler.of("reserve", String.class, (String s, SagaContext c) -> s))).close();

            Result<String> result = reserve.saga("p1", SagaCall.defaults().withTimeout(Duration.ofSeconds(10)))
                    .join();
            assertThat(result.failure()).isInstanceOf(SagaDeadlineException.class);
            assertThat(undone.get()).isEqualTo(1);

            nodes.start(options("late-inventory"), builder -> builder
                    .participant(ParticipantHandler.of("reserve", String.class, (String s, SagaContext c) -> {
                        calls.incrementAndGet();
                        return s;
                    })));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> calls.get() == 0);
            assertThat(undone.get()).isEqualTo(1);
        }
    }

    @Test
    void aCallHeldByAParticipantNodeThatDiedIsCompensatedAtTheDeadlineAndNeverRunLate(RedisServer redis) {
        AtomicInteger reserved = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        AtomicInteger undone = new AtomicInteger();
        RedisClient client = RedisClient.create(redis.redisUri());
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                StatefulRedisConnection<String, String> deadNode = client.connect()) {
            Function<String, NetxOptions> options = group -> NetxOptions.builder(group).namespace("held").shards(1)
                    .orphanTimeout(ORPHAN_TIMEOUT).pollTimeout(Duration.ofMillis(200)).build();
            Netx orders = nodes.start(options.apply("held-order"), builder -> {
            });
            Orchestrator<String, String> reserve = orders.orchestrators().create("reserve", String.class)
                    .start(Step.local(String.class, (String in, SagaContext c) -> in,
                            (in, c) -> undone.incrementAndGet()))
                    .join(Step.remote("held-inventory", "reserve", String.class, "release"))
                    .deadline(Duration.ofSeconds(2))
                    .commit(Step.local(String.class, (String in, SagaContext c) -> in));
            nodes.start(options.apply("held-inventory"), builder -> builder
                    .participant(ParticipantHandler.of("reserve", String.class, (String s, SagaContext c) -> s))
                    .participant(ParticipantHandler.of("release", String.class, (String s, SagaContext c) -> s))).close();

            CompletableFuture<Result<String>> call = reserve.saga("p1", SagaCall.defaults()
                    .withTimeout(Duration.ofSeconds(15)));
            // a node of the inventory group takes the call and dies before doing anything visible
            String inbox = "netx:{held:0}:inbox:held-inventory";
            await().until(() -> !deadNode.sync().xreadgroup(Consumer.from("held-inventory", "dead-node"),
                    XReadArgs.Builder.count(1), XReadArgs.StreamOffset.lastConsumed(inbox)).isEmpty());

            // at the deadline the sweep takes the call back from the silent node
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> deadNode.sync().xpending(inbox, "held-inventory").getCount() == 0);
            nodes.start(options.apply("held-inventory"), builder -> builder
                    .participant(ParticipantHandler.of("reserve", String.class, (String s, SagaContext c) -> {
                        reserved.incrementAndGet();
                        return s;
                    }))
                    .participant(ParticipantHandler.of("release", String.class, (String s, SagaContext c) -> {
                        released.incrementAndGet();
                        return s;
                    })));
            // the dead node may have done the work: its step is compensated, once, and never run again
            assertThat(call.join().failure()).isInstanceOf(SagaDeadlineException.class);
            assertThat(undone.get()).isEqualTo(1);
            assertThat(released.get()).isEqualTo(1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> released.get() == 1 && reserved.get() == 0);
        } finally {
            client.shutdown();
        }
    }
}
