package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Choreography events evolve during a rolling deploy: while the nodes of a group run the old and the
 * new build side by side, an event with a field the old class lacks, and one without a field the new
 * class added, are both handled (Jackson's defaults: unknown properties ignored, missing ones null).
 */
@RedisTest
class EventEvolutionIT {

    /** The event class of the old build. */
    static final class Old {
        record OrderPlaced(String orderId, long amount) {
        }
    }

    /** The event class of the new build: one field added. */
    static final class New {
        record OrderPlaced(String orderId, long amount, String currency) {
        }
    }

    private static NetxOptions options(String group, String node) {
        return NetxOptions.builder(group).namespace("evolution").nodeName(node).shards(2)
                .orphanTimeout(Duration.ofSeconds(1)).pollTimeout(Duration.ofMillis(200)).maxDeliveries(2).build();
    }

    @Test
    void eventsOfTheOldAndTheNewBuildAreHandledByNodesOfEitherDuringARollingDeploy(RedisServer redis) {
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx oldPayment = nodes.start(options("payment", "payment-old"),
                    SagaListener.on(SagaPhase.START, Old.OrderPlaced.class, e -> {
                        seen.add("old saw " + e.event());
                        return null;
                    }).successWith(SuccessWith.PUBLISH_COMMIT));
            Netx oldShop = nodes.start(options("shop", "shop-old"), builder -> {
            });
            Netx newShop = nodes.start(options("shop", "shop-new"), builder -> {
            });

            // the shop is deployed first: the old payment node gets events with a field it does not know
            publishAndAwait(oldShop, newShop, "first");
            assertThat(seen).hasSize(20).allMatch(line -> line.startsWith("old saw OrderPlaced[orderId="))
                    .contains("old saw OrderPlaced[orderId=first-new-3, amount=3]");

            // then payment: the new node gets events without the field it added
            seen.clear();
            nodes.start(options("payment", "payment-new"), SagaListener.on(SagaPhase.START, New.OrderPlaced.class, e -> {
                seen.add("new saw " + e.event());
                return null;
            }).successWith(SuccessWith.PUBLISH_COMMIT));
            oldPayment.close();
            publishAndAwait(oldShop, newShop, "then");
            assertThat(seen).hasSize(20)
                    .contains("new saw OrderPlaced[orderId=then-old-3, amount=3, currency=null]",
                            "new saw OrderPlaced[orderId=then-new-3, amount=3, currency=EUR]");
            assertThat(newShop.deadLetters().list(10).join()).isEmpty();
        }
    }

    private static void publishAndAwait(Netx oldShop, Netx newShop, String prefix) {
        List<String> sagas = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sagas.add(oldShop.sagaManager().startSync(new Old.OrderPlaced(prefix + "-old-" + i, i)));
            sagas.add(newShop.sagaManager().startSync(new New.OrderPlaced(prefix + "-new-" + i, i, "EUR")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sagas.stream()
                .allMatch(id -> newShop.sagaManager().outcomeSync(id).state() == SagaState.COMMITTED));
    }
}
