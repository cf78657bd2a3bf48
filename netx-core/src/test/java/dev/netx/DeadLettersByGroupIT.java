package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One group's dead letters, found however many older ones of other groups lie before them: what an
 * operator relays once that group's outage is over.
 */
@RedisTest
class DeadLettersByGroupIT {

    @Test
    void aGroupsDeadLettersAreFoundBehindThousandsOfOtherGroupsAndRelayed(RedisServer redis) {
        AtomicBoolean repaired = new AtomicBoolean();
        NetxOptions options = NetxOptions.builder("payment").namespace("by-group").shards(2)
                .orphanTimeout(Duration.ofMillis(500)).maxDeliveries(2).pollTimeout(Duration.ofMillis(100))
                .trimInterval(Duration.ofMillis(200)).build();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                RedisClient client = RedisClient.create(redis.redisUri());
                StatefulRedisConnection<String, String> raw = client.connect()) {
            // an older outage of inventory left 2,500 dead letters on each shard
            RedisCommands<String, String> sync = raw.sync();
            for (int shard = 0; shard < 2; shard++) {
                for (int i = 0; i < 2_500; i++) {
                    sync.xadd("netx:{by-group:" + shard + "}:dead", Map.of("s", "old-" + i + "-" + shard, "p", "S",
                            "dl.group", "inventory", "dl.reason", "stock service down", "dl.deliveries", "5",
                            "dl.at", Long.toString(1_000 + i)));
                }
            }
            Netx payment = nodes.start(options, builder -> builder
                    .listener(SagaListener.on(SagaPhase.START, String.class, event -> null))
                    .listener(SagaListener.on(SagaPhase.ROLLBACK, String.class, event -> {
                        if (!repaired.get()) {
                            throw new IllegalStateException("payment provider unavailable");
                        }
                        return null;
                    })));
            String sagaId = payment.sagaManager().startSync("order-1");
            // its start listener done first: a rollback that raced it would reach the group twice
            await().atMost(Duration.ofSeconds(10)).until(() -> payment.inspector().saga(sagaId).join().orElseThrow()
                    .groups().contains("payment"));
            payment.sagaManager().rollback(sagaId, "out of stock", "order-1").join();
            await().atMost(Duration.ofSeconds(20)).until(() -> !payment.deadLetters().list("payment", 10).join()
                    .isEmpty());

            assertThat(payment.deadLetters().list(500).join()).hasSize(500)
                    .allSatisfy(letter -> assertThat(letter.group()).isEqualTo("inventory"));
            List<DeadLetter> payments = payment.deadLetters().list("payment", 10).join();
            assertThat(payments).allSatisfy(letter -> {
                assertThat(letter.group()).isEqualTo("payment");
                assertThat(letter.sagaId()).isEqualTo(sagaId);
            });
            assertThat(payment.deadLetters().list("inventory", 3_000).join()).hasSize(3_000)
                    .isSortedAccordingTo(Comparator.comparing(DeadLetter::deadAt));
            assertThat(payment.deadLetters().list("nobody", 10).join()).isEmpty();

            repaired.set(true);
            for (DeadLetter letter : payments) {
                assertThat(payment.deadLetters().relay(letter.id()).join()).isTrue();
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(payment.inspector().saga(sagaId)
                    .join().orElseThrow().compensations()).isNotEmpty());
            assertThat(payment.deadLetters().list("payment", 10).join()).isEmpty();
            assertThat(payment.deadLetters().list("inventory", 10_000).join()).hasSize(5_000);
        }
    }
}
