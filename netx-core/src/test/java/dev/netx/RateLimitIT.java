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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rate limits shared by the nodes of a group through Redis: a participant handler's calls wait for
 * their permits, whichever node takes them; an orchestrator's starts past its limit are refused
 * before anything is written.
 */
@RedisTest
class RateLimitIT {

    private static NetxOptions options(String namespace, String group, RateLimits limits) {
        return NetxOptions.builder(group).namespace(namespace).shards(2).orphanTimeout(Duration.ofSeconds(2))
                .pollTimeout(Duration.ofMillis(200)).rateLimits(limits).build();
    }

    private static Orchestrator<String, String> pay(Netx node) {
        return node.orchestrators().create("pay", String.class)
                .start(Step.<String, String>remote("payment", "debit", String.class))
                .commit(Step.local(String.class, (String debited, SagaContext c) -> debited));
    }

    @Test
    void aHandlersCallsTakeTheirPermitsInTurnAcrossTheNodesOfItsGroup(RedisServer redis) {
        RateLimits limits = RateLimits.none().withHandler("debit", new RateLimit(5, 1));
        List<Long> calledAt = Collections.synchronizedList(new ArrayList<>());
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            for (String name : List.of("payment-1", "payment-2")) {
                nodes.start(options("rate-handler", "payment", limits).mutate().nodeName(name).build(), builder ->
                        builder.participant(ParticipantHandler.of("debit", String.class, (String order, SagaContext c) -> {
                            calledAt.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
                            return order + " debited";
                        })));
            }
            Orchestrator<String, String> pay = pay(nodes.start(options("rate-handler", "order", RateLimits.none()),
                    builder -> { }));
            List<CompletableFuture<Result<String>>> sagas = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                sagas.add(pay.saga("o" + i, SagaCall.defaults().withTimeout(Duration.ofSeconds(60))));
            }
            sagas.forEach(saga -> assertThat(saga.join().get()).endsWith(" debited"));

            // 5 a second with no burst: 13 intervals of 200 ms from the second call to the last (less some
            // lateness of the second), whichever node took them; unlimited, they would all run within some
            // 100 ms, and with a limit per node instead of one per group within 1.3 s
            List<Long> sorted = calledAt.stream().sorted().toList();
            assertThat(sorted).hasSize(15);
            assertThat(sorted.get(14) - sorted.get(1)).isGreaterThanOrEqualTo(13 * 200 - 400);
        }
    }

    @Test
    void anOrchestratorsStartsPastItsLimitAreRefusedBeforeAnythingIsWritten(RedisServer redis) {
        RateLimits limits = RateLimits.none().withOrchestrator("pay", new RateLimit(0.5, 2));
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                RedisClient client = RedisClient.create(redis.redisUri());
                StatefulRedisConnection<String, String> raw = client.connect()) {
            nodes.start(options("rate-start", "payment", RateLimits.none()), builder -> builder.participant(
                    ParticipantHandler.of("debit", String.class, (String order, SagaContext c) -> order + " debited")));
            Orchestrator<String, String> pay = pay(nodes.start(options("rate-start", "order", limits), builder -> { }));

            // a burst of 2, then one every 2 s: of 3 starts at once, one is refused
            List<CompletableFuture<Result<String>>> starts = List.of(pay.saga("o1"), pay.saga("o2"), pay.saga("o3"));
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
            assertThat(starts).filteredOn(CompletableFuture::isCompletedExceptionally).singleElement()
                    .satisfies(refused -> assertThatThrownBy(refused::join).hasCauseInstanceOf(
                            SagaRejectedException.class));
            assertThatThrownBy(() -> pay.sagaSync("o4")).isInstanceOf(SagaRejectedException.class)
                    .hasMessageContaining("netx.rate-limits.orchestrators.pay")
                    .satisfies(e -> {
                        SagaRejectedException rejected = (SagaRejectedException) e;
                        assertThat(rejected.limit()).isEqualTo("netx.rate-limits.orchestrators.pay");
                        assertThat(rejected.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
                    });
            assertThat(raw.sync().keys("netx:{rate-start:*}:saga:*")).hasSize(2);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).ignoreException(
                    SagaRejectedException.class).until(() -> pay.sagaSync("o5").get().equals("o5 debited"));
            assertThat(raw.sync().keys("netx:{rate-start:*}:saga:*")).hasSize(3);
        }
    }
}
