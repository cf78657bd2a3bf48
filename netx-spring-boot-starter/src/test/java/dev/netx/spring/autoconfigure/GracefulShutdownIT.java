package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.Netx;
import dev.netx.SagaManager;
import dev.netx.SagaState;
import dev.netx.SuccessWith;
import dev.netx.spring.SagaStart;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Closing an application stops its node gracefully: a handler that finishes within the grace is
 * acknowledged, one that does not stays pending, unacknowledged, and another node finishes it.
 */
@RedisTest
class GracefulShutdownIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void acknowledgesWhatFinishedWithinTheGraceAndLeavesTheRestPendingForAnotherNode(RedisServer redis)
            throws Exception {
        Gates.reset();
        try (ConfigurableApplicationContext order = Apps.run(OrderApplication.class, redis, "netx.group=order")) {
            SagaManager sagas = order.getBean(SagaManager.class);
            ConfigurableApplicationContext payment = Apps.run(PaymentApplication.class, redis, "netx.group=payment",
                    "netx.node-name=payment-1", "netx.shutdown-grace=1500ms");
            Netx firstNode = payment.getBean(Netx.class);
            String quick = sagas.startSync(new OrderPlaced("quick", 1));
            String graceful = sagas.startSync(new OrderPlaced("graceful", 1));
            String slow = sagas.startSync(new OrderPlaced("slow", 1));
            await().atMost(TIMEOUT).until(() -> Gates.finished.contains("quick")
                    && Gates.entered.containsAll(List.of("graceful", "slow")));

            CompletableFuture<Void> closing = CompletableFuture.runAsync(payment::close);
            await().atMost(TIMEOUT).until(() -> !firstNode.isRunning());
            Gates.graceful.countDown(); // finishes within the grace, while the node is stopping
            closing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Gates.slow.countDown(); // too late: the node has stopped

            assertThat(sagas.outcomeSync(quick).state()).isEqualTo(SagaState.COMMITTED);
            assertThat(sagas.outcomeSync(graceful).state()).isEqualTo(SagaState.COMMITTED);
            assertThat(sagas.outcomeSync(slow).state()).isEqualTo(SagaState.STARTED);
            assertThat(pendingPaymentEvents(redis)).containsOnlyKeys("payment-1").containsEntry("payment-1", 1L);

            try (ConfigurableApplicationContext second = Apps.run(PaymentApplication.class, redis,
                    "netx.group=payment", "netx.node-name=payment-2")) {
                assertThat(second.getBean(Netx.class).isRunning()).isTrue();
                assertThat(sagas.awaitOutcomeSync(slow, TIMEOUT).state()).isEqualTo(SagaState.COMMITTED);
                assertThat(Gates.finished).containsOnlyOnce("quick", "graceful");
                assertThat(Gates.entered.stream().filter("slow"::equals)).hasSize(2);
                await().atMost(TIMEOUT).until(() -> pendingPaymentEvents(redis).isEmpty());
            }
        }
    }

    /** Messages pending for the payment group, by consumer, across the streams of the namespace. */
    private static Map<String, Long> pendingPaymentEvents(RedisServer redis) {
        RedisClient client = RedisClient.create(redis.redisUri());
        try {
            RedisCommands<String, String> commands = client.connect().sync();
            Map<String, Long> pending = new HashMap<>();
            for (String stream : commands.keys("netx:*")) {
                if (!"stream".equals(commands.type(stream))) {
                    continue;
                }
                boolean hasGroup = commands.xinfoGroups(stream).stream()
                        .anyMatch(group -> String.valueOf(((List<?>) group).get(1)).equals("payment"));
                if (hasGroup) {
                    commands.xpending(stream, "payment", Range.create("-", "+"), Limit.from(100))
                            .forEach(message -> pending.merge(message.getConsumer(), 1L, Long::sum));
                }
            }
            return pending;
        } finally {
            client.shutdown();
        }
    }

    /** Where the payment listener's calls wait; static because two application contexts share it. */
    static final class Gates {
        static final Queue<String> entered = new ConcurrentLinkedQueue<>();
        static final Queue<String> finished = new ConcurrentLinkedQueue<>();
        static CountDownLatch graceful;
        static CountDownLatch slow;

        static void reset() {
            entered.clear();
            finished.clear();
            graceful = new CountDownLatch(1);
            slow = new CountDownLatch(1);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class OrderApplication {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PaymentListeners.class)
    static class PaymentApplication {
    }

    static class PaymentListeners {

        @SagaStart(successWith = SuccessWith.PUBLISH_COMMIT)
        String pay(OrderPlaced order) throws InterruptedException {
            Gates.entered.add(order.orderId());
            CountDownLatch gate = switch (order.orderId()) {
                case "graceful" -> Gates.graceful;
                case "slow" -> Gates.slow;
                default -> new CountDownLatch(0);
            };
            if (!gate.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate of " + order.orderId() + " never opened");
            }
            Gates.finished.add(order.orderId());
            return "paid";
        }
    }
}
