package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The namespace's activity as the console charts it: kept in Redis, so a node started later (a
 * console opened at 3 a.m.) sees the minutes before it, summed over every node, by group.
 */
@RedisTest
class ActivityIT {

    private static NetxOptions options(String namespace, String group) {
        return NetxOptions.builder(group).namespace(namespace).shards(2).orphanTimeout(Duration.ofMillis(500))
                .maxDeliveries(2).pollTimeout(Duration.ofMillis(100)).trimInterval(Duration.ofMillis(200)).build();
    }

    private static long sum(List<ActivityInterval> intervals, ToLongFunction<ActivityInterval> count) {
        return intervals.stream().mapToLong(count).sum();
    }

    @Test
    void aNodeStartedLaterSeesWhatEveryNodeDidInTheLastMinutesByGroup(RedisServer redis) {
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx order = nodes.start(options("activity", "order"), builder -> { });
            nodes.start(options("activity", "payment"), builder -> builder.participant(ParticipantHandler.of("debit",
                    String.class, (String item, SagaContext c) -> {
                        if (item.startsWith("declined")) {
                            throw new IllegalStateException("card declined for " + item);
                        }
                        return item + " paid";
                    })));
            Orchestrator<String, String> placeOrder = order.orchestrators().create("place-order", String.class)
                    .start(Step.local(String.class, (String item, SagaContext c) -> item,
                            (String item, SagaContext c) -> { }).named("create-order"))
                    .commit(Step.<String, String>remote("payment", "debit", String.class));
            List<CompletableFuture<Result<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(placeOrder.saga((i % 4 == 0 ? "declined-" : "item-") + i,
                        SagaCall.defaults().withTimeout(Duration.ofSeconds(30))));
            }
            assertThat(calls.stream().map(CompletableFuture::join).filter(Result::isSuccess)).hasSize(15);

            // a node that runs nothing, started after the sagas, as the standalone console is
            Netx console = nodes.start(options("activity", "console"), builder -> { });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<ActivityInterval> intervals = console.inspector().activity(Duration.ofMinutes(5)).join();
                assertThat(sum(intervals, ActivityInterval::started)).isEqualTo(20);
                assertThat(sum(intervals, ActivityInterval::committed)).isEqualTo(15);
                assertThat(sum(intervals, ActivityInterval::rolledBack)).isEqualTo(5);
                assertThat(sum(intervals, interval -> interval.handled().getOrDefault("payment", 0L))).isEqualTo(20);
                // each saga's first step, and payment's reply to it; a declined one's compensation too
                assertThat(sum(intervals, interval -> interval.handled().getOrDefault("order", 0L)))
                        .isGreaterThanOrEqualTo(40);
                assertThat(sum(intervals, interval -> interval.leftForRetry().values().stream()
                        .mapToLong(Long::longValue).sum())).isZero();
            });
            List<ActivityInterval> intervals = console.inspector().activity(Duration.ofMinutes(5)).join();
            assertThat(intervals).hasSize(31);
            for (int i = 1; i < intervals.size(); i++) {
                assertThat(intervals.get(i).start()).isEqualTo(intervals.get(i - 1).start().plusSeconds(10));
            }
            assertThat(intervals.subList(0, 30)).allSatisfy(interval ->
                    assertThat(interval.length()).isEqualTo(Duration.ofSeconds(10)));
            assertThat(intervals.get(30).length()).isBetween(Duration.ZERO, Duration.ofSeconds(10));
            assertThat(console.inspector().activity(Duration.ofDays(1)).join()).hasSize(361);
        }
    }

    @Test
    void aFailingListenerCountsAsLeftForRetryAndItsGroupsDeadLetter(RedisServer redis) {
        AtomicInteger refunds = new AtomicInteger();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx payment = nodes.start(options("activity-failing", "payment"), builder -> builder
                    .listener(SagaListener.on(SagaPhase.START, String.class, event -> null))
                    .listener(SagaListener.on(SagaPhase.ROLLBACK, String.class, event -> {
                        refunds.incrementAndGet();
                        throw new IllegalStateException("refund service down");
                    })));
            String sagaId = payment.sagaManager().startSync("o1");
            payment.sagaManager().rollback(sagaId, "customer cancelled", "o1").join();
            await().atMost(Duration.ofSeconds(20)).until(() -> !payment.deadLetters().list(10).join().isEmpty());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<ActivityInterval> intervals = payment.inspector().activity(Duration.ofMinutes(1)).join();
                assertThat(sum(intervals, ActivityInterval::started)).isEqualTo(1);
                assertThat(sum(intervals, ActivityInterval::rolledBack)).isEqualTo(1);
                // the rollback event, and the rollback queued for the group if its start listener finished late
                assertThat(sum(intervals, ActivityInterval::deadLettered))
                        .isEqualTo(payment.deadLetters().list(10).join().size());
                assertThat(sum(intervals, interval -> interval.leftForRetry().getOrDefault("payment", 0L)))
                        .isEqualTo(refunds.get());
            });
            assertThat(refunds.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aStartListenerThatFailsAfterItsGroupsRollbackRanCountsNoSecondRollback(RedisServer redis) {
        CountDownLatch refunded = new CountDownLatch(1);
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx payment = nodes.start(options("activity-late", "payment"), builder -> builder
                    .listener(SagaListener.on(SagaPhase.START, String.class, event -> {
                        try {
                            refunded.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("card declined, after the rollback");
                    }))
                    .listener(SagaListener.on(SagaPhase.ROLLBACK, String.class, event -> {
                        refunded.countDown();
                        return null;
                    })));
            String sagaId = payment.sagaManager().startSync("o1");
            payment.sagaManager().rollback(sagaId, "customer cancelled", "o1").join();
            // the start listener failed once its group's rollback had run: its part is written, nothing more
            await().atMost(Duration.ofSeconds(20)).until(() -> payment.inspector().saga(sagaId).join().orElseThrow()
                    .timeline().stream().anyMatch(TimelineEntry::failed));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<ActivityInterval> intervals = payment.inspector().activity(Duration.ofMinutes(1)).join();
                assertThat(sum(intervals, ActivityInterval::started)).isEqualTo(1);
                assertThat(sum(intervals, ActivityInterval::rolledBack)).isEqualTo(1);
                // its start and its rollback, and a redelivery where a loaded machine let a claim lapse
                assertThat(sum(intervals, interval -> interval.handled().getOrDefault("payment", 0L)))
                        .isGreaterThanOrEqualTo(2);
            });
            assertThat(payment.inspector().counts().join().rolledBack()).isEqualTo(1);
        }
    }
}
