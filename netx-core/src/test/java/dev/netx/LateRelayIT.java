package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A dead letter relayed long after the retention (an outage relayed the next morning) still finds its
 * saga's state, so the compensation runs: a choreographed saga's rolled-back state is kept while a
 * dead letter of it is open, and for the retention after its relay.
 */
@RedisTest
class LateRelayIT {

    /** A payment group whose refunds fail until repaired. */
    private static final class Payment {

        final AtomicBoolean repaired = new AtomicBoolean();
        final AtomicInteger refunds = new AtomicInteger();

        Netx start(Nodes nodes, NetxOptions options) {
            return nodes.start(options, builder -> builder
                    .listener(SagaListener.on(SagaPhase.START, String.class, event -> null))
                    .listener(SagaListener.on(SagaPhase.ROLLBACK, String.class, event -> {
                        if (!repaired.get()) {
                            throw new IllegalStateException("payment provider unavailable");
                        }
                        refunds.incrementAndGet();
                        return null;
                    })));
        }

        /** A saga paid, then rolled back while refunds fail, until its refund is dead-lettered. */
        static String deadRefund(Netx payment, String order) {
            String sagaId = payment.sagaManager().startSync(order);
            // its start listener done first: a rollback that raced it would reach the group twice
            await().atMost(Duration.ofSeconds(10)).until(() -> payment.inspector().saga(sagaId).join().orElseThrow()
                    .groups().contains("payment"));
            payment.sagaManager().rollback(sagaId, "out of stock", order).join();
            await().atMost(Duration.ofSeconds(20)).until(() -> payment.deadLetters().list(10).join().stream()
                    .anyMatch(letter -> letter.sagaId().equals(sagaId)));
            return sagaId;
        }
    }

    @Test
    void aRefundRelayedLongAfterTheRetentionStillRuns(RedisServer redis) {
        Payment group = new Payment();
        NetxOptions options = NetxOptions.builder("payment").namespace("late-relay").shards(2)
                .retention(Duration.ofSeconds(1)).orphanTimeout(Duration.ofMillis(500)).maxDeliveries(2)
                .pollTimeout(Duration.ofMillis(100)).trimInterval(Duration.ofMillis(200)).build();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx payment = group.start(nodes, options);
            String sagaId = Payment.deadRefund(payment, "order-1");

            // many times the retention, many trim rounds: the state stays while its dead letter is open
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() ->
                    payment.inspector().saga(sagaId).join().isPresent());

            group.repaired.set(true);
            for (DeadLetter letter : payment.deadLetters().list(10).join()) {
                assertThat(payment.deadLetters().relay(letter.id()).join()).isTrue();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> group.refunds.get() == 1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(payment.inspector().saga(sagaId)
                    .join().orElseThrow().compensations()).isNotEmpty());
            assertThat(payment.deadLetters().list(10).join()).isEmpty();
            // once relayed and compensated, the state goes after the retention as usual
            await().atMost(Duration.ofSeconds(20)).until(() -> payment.inspector().saga(sagaId).join().isEmpty());
            assertThat(group.refunds.get()).isEqualTo(1);
        }
    }

    @Test
    void aRelayedRefundWhoseSagaStateExpiredIsDeadLetteredWithWhyNotSkippedInSilence(RedisServer redis) {
        Payment group = new Payment();
        NetxOptions options = NetxOptions.builder("payment").namespace("gone-relay").shards(2)
                .orphanTimeout(Duration.ofMillis(500)).maxDeliveries(2).pollTimeout(Duration.ofMillis(100))
                .trimInterval(Duration.ofMillis(200)).build();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                RedisClient client = RedisClient.create(redis.redisUri());
                StatefulRedisConnection<String, String> raw = client.connect()) {
            Netx payment = group.start(nodes, options);
            String sagaId = Payment.deadRefund(payment, "order-2");

            // the state gone, as after the running retention (7 days by default)
            raw.sync().del("netx:{gone-relay:" + sagaId.substring(sagaId.lastIndexOf('-') + 1) + "}:saga:" + sagaId);
            group.repaired.set(true);
            for (DeadLetter letter : payment.deadLetters().list(10).join()) {
                assertThat(payment.deadLetters().relay(letter.id()).join()).isTrue();
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(payment.deadLetters().list(10)
                    .join()).isNotEmpty().allSatisfy(letter -> assertThat(letter.reason())
                    .contains("the saga's state is gone")));
            assertThat(group.refunds.get()).isZero();
        }
    }
}
