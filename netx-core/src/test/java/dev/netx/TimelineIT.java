package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.netx.TimelineEntry.Event;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What operators see of a saga through the inspector: its timeline, written by the scripts of the
 * transitions it records (an orchestrated saga that fails remotely and is compensated; a message
 * left for retry, dead-lettered and relayed), the sagas still running, the last rolled back, the
 * counts; and nothing of it from nodes that keep no history.
 */
@RedisTest
class TimelineIT {

    static final class CardDeclinedException extends RuntimeException {
        CardDeclinedException(String message) {
            super(message);
        }
    }

    private static NetxOptions options(String namespace, String group) {
        return NetxOptions.builder(group).namespace(namespace).shards(2).orphanTimeout(Duration.ofMillis(500))
                .maxDeliveries(2).pollTimeout(Duration.ofMillis(100)).trimInterval(Duration.ofMillis(200)).build();
    }

    private static Orchestrator<String, String> placeOrder(Netx node) {
        return node.orchestrators().create("place-order", String.class)
                .start(Step.local(String.class, (String order, SagaContext c) -> order + " pending",
                        (String order, SagaContext c) -> { }).named("create-order"))
                .join(Step.<String, String>remote("payment", "debit", String.class))
                .commit(Step.local(String.class, (String debited, SagaContext c) -> debited).named("confirm"));
    }

    @Test
    void aFailedOrdersTimelineShowsItsRemoteFailureAndItsCompensation(RedisServer redis) {
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx order = nodes.start(options("timeline", "order"), builder -> { });
            Orchestrator<String, String> placeOrder = placeOrder(order);
            // no payment node yet: the saga runs, waiting on payment
            CompletableFuture<Result<String>> call = placeOrder.saga("o1", SagaCall.defaults()
                    .withTimeout(Duration.ofSeconds(60)));
            SagaInspector inspector = order.inspector();
            await().atMost(Duration.ofSeconds(10)).until(() -> !inspector.running(Duration.ZERO, "place-order", 10)
                    .join().isEmpty());
            SagaSummary running = inspector.running(Duration.ZERO, "place-order", 10).join().get(0);
            assertThat(running.state()).isEqualTo(SagaState.STARTED);
            assertThat(running.origin()).isEqualTo(order.options().nodeName());
            assertThat(inspector.running(Duration.ZERO, "another", 10).join()).isEmpty();
            assertThat(inspector.running(Duration.ofHours(1), null, 10).join()).isEmpty();

            nodes.start(options("timeline", "payment"), builder -> builder.participant(ParticipantHandler.of("debit",
                    String.class, (String pending, SagaContext c) -> {
                        throw new CardDeclinedException("card of " + pending + " declined");
                    })));
            Result<String> result = call.join();
            assertThat(result.isSuccess()).isFalse();

            SagaDetails saga = inspector.saga(running.sagaId()).join().orElseThrow();
            assertThat(saga.summary().state()).isEqualTo(SagaState.ROLLED_BACK);
            assertThat(saga.summary().orchestrator()).isEqualTo("place-order");
            assertThat(saga.version()).isEqualTo(1);
            assertThat(saga.failure()).hasMessageContaining("card of o1 pending declined");
            assertThat(saga.payloads()).containsKeys("in:0", "in:1");
            assertThat(saga.compensations()).isNotEmpty();
            assertThat(saga.timeline()).extracting(TimelineEntry::event, TimelineEntry::group, TimelineEntry::name)
                    .containsExactly(
                            tuple(Event.STARTED, "order", "place-order"),
                            tuple(Event.STEP, "order", "create-order"),
                            tuple(Event.CALL, "payment", "debit"),
                            tuple(Event.REPLY, "order", "payment.debit"),
                            tuple(Event.COMPENSATION, "order", "create-order"));
            TimelineEntry declined = saga.timeline().get(2);
            assertThat(declined.failed()).isTrue();
            assertThat(declined.detail()).isEqualTo(CardDeclinedException.class.getName()
                    + ": card of o1 pending declined");
            assertThat(declined.attempt()).isEqualTo(1);
            assertThat(saga.timeline().get(3).state()).isEqualTo(SagaState.COMPENSATING);
            assertThat(saga.timeline().get(4).state()).isEqualTo(SagaState.ROLLED_BACK);
            assertThat(saga.timeline()).isSortedAccordingTo(Comparator.comparing(TimelineEntry::at));

            assertThat(inspector.rolledBack(10).join()).extracting(SagaSummary::sagaId).containsExactly(running.sagaId());
            assertThat(inspector.running(Duration.ZERO, null, 10).join()).isEmpty();
            assertThat(inspector.counts().join()).isEqualTo(new SagaCounts(1, 0, 1, 0));
            // both groups, each with its live node and its inbox of each shard (neither listens to events)
            // (a node counts as live once its first trim round wrote its heartbeat)
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(inspector.groups().join())
                    .extracting(GroupOverview::group, GroupOverview::liveNodes)
                    .containsExactly(tuple("order", 1), tuple("payment", 1)));
            assertThat(inspector.groups().join()).allSatisfy(group -> {
                assertThat(group.backlog()).hasSize(2).extracting(ShardBacklog::stream)
                        .containsOnly(ShardBacklog.Stream.INBOX);
                assertThat(group.waiting()).isZero();
            });
            assertThat(inspector.saga("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b-1").join()).isEmpty();
        }
    }

    @Test
    void aMessageLeftForRetryThenDeadLetteredAndRelayedShowsEachStep(RedisServer redis) {
        AtomicBoolean repaired = new AtomicBoolean();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx payment = nodes.start(options("timeline-dead", "payment"), builder -> builder
                    .listener(SagaListener.on(SagaPhase.START, String.class, event -> null))
                    .listener(SagaListener.on(SagaPhase.ROLLBACK, String.class, event -> {
                        if (!repaired.get()) {
                            throw new IllegalStateException("refund service down");
                        }
                        return null;
                    })));
            String sagaId = payment.sagaManager().startSync("o2");
            payment.sagaManager().rollback(sagaId, "customer cancelled", "o2").join();
            await().atMost(Duration.ofSeconds(20)).until(() -> !payment.deadLetters().list(10).join().isEmpty());

            repaired.set(true);
            DeadLetter letter = payment.deadLetters().list(10).join().get(0);
            assertThat(payment.deadLetters().relay(letter.id()).join()).isTrue();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(payment.inspector().saga(sagaId)
                    .join().orElseThrow().timeline()).extracting(TimelineEntry::event).containsSubsequence(
                            Event.STARTED, Event.PUBLISHED, Event.LEFT_FOR_RETRY, Event.DEAD_LETTERED,
                            Event.RELAYED, Event.COMPENSATION));
            List<TimelineEntry> timeline = payment.inspector().saga(sagaId).join().orElseThrow().timeline();
            assertThat(timeline).filteredOn(entry -> entry.event() == Event.LEFT_FOR_RETRY)
                    .allSatisfy(entry -> assertThat(entry.detail()).contains("refund service down"));
            assertThat(timeline).filteredOn(entry -> entry.event() == Event.PUBLISHED).singleElement()
                    .satisfies(entry -> {
                        assertThat(entry.state()).isEqualTo(SagaState.ROLLED_BACK);
                        assertThat(entry.detail()).isEqualTo("customer cancelled");
                    });
            assertThat(timeline).filteredOn(entry -> entry.event() == Event.COMPENSATION).last()
                    .satisfies(entry -> assertThat(entry.failed()).isFalse());
        }
    }

    @Test
    void aNodeThatKeepsNoHistoryWritesNoneOfIt(RedisServer redis) {
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                RedisClient client = RedisClient.create(redis.redisUri());
                StatefulRedisConnection<String, String> raw = client.connect()) {
            Netx node = nodes.start(options("no-history", "order").mutate().history(false).build(),
                    builder -> builder.listener(SagaListener.on(SagaPhase.START, String.class, event -> null)));
            String sagaId = node.sagaManager().startSync("o3");
            node.sagaManager().commit(sagaId, "o3").join();
            SagaDetails saga = node.inspector().saga(sagaId).join().orElseThrow();
            assertThat(saga.summary().state()).isEqualTo(SagaState.COMMITTED);
            assertThat(saga.timeline()).isEmpty();
            assertThat(raw.sync().keys("netx:{no-history:*}:active")).isEmpty();
            assertThat(raw.sync().keys("netx:{no-history:*}:counts")).isEmpty();
            node.close();
            assertThat(raw.sync().keys("netx:{no-history}:activity:*")).isEmpty();
        }
    }
}
