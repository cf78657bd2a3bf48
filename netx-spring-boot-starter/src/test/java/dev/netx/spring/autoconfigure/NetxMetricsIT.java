package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.SagaManager;
import dev.netx.SuccessWith;
import dev.netx.spring.SagaRollback;
import dev.netx.spring.SagaStart;
import dev.netx.spring.metrics.MicrometerNetxObserver;
import dev.netx.spring.metrics.NetxStatusMetrics;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Micrometer counts what the node did: sagas, listener outcomes, claims and dead letters. */
@RedisTest
class NetxMetricsIT {

    @Test
    void countsStartedCommittedAndRolledBackSagasHandlerOutcomesClaimsAndDeadLetters(RedisServer redis) {
        try (ConfigurableApplicationContext app = Apps.run(ShopApplication.class, redis, "netx.group=shop",
                "netx.orphan-timeout=1s", "netx.max-deliveries=2")) {
            SagaManager sagas = app.getBean(SagaManager.class);
            List<String> ids = List.of(sagas.startSync(new OrderPlaced("ok-1", 10)),
                    sagas.startSync(new OrderPlaced("ok-2", 20)), sagas.startSync(new OrderPlaced("declined-1", 5000)),
                    sagas.startSync(new OrderPlaced("stuck-1", 5000)));
            MeterRegistry meters = app.getBean(MeterRegistry.class);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(count(meters, MicrometerNetxObserver.DEAD_LETTERS)).isEqualTo(1));

            assertThat(ids).hasSize(4);
            assertThat(meters.get(MicrometerNetxObserver.STARTED).tag("group", "shop").tag("event", "OrderPlaced")
                    .counter().count()).isEqualTo(4);
            assertThat(count(meters, MicrometerNetxObserver.COMMITTED)).isEqualTo(2);
            assertThat(count(meters, MicrometerNetxObserver.ROLLED_BACK)).isEqualTo(2);
            assertThat(meters.get(MicrometerNetxObserver.HANDLER).tag("phase", "start").tag("outcome", "success")
                    .timer().count()).isEqualTo(2);
            assertThat(meters.get(MicrometerNetxObserver.HANDLER).tag("phase", "start")
                    .tag("exception", "CardDeclinedException").timer().count()).isEqualTo(2);
            assertThat(meters.get(MicrometerNetxObserver.HANDLER).tag("phase", "rollback").tag("outcome", "success")
                    .timer().count()).isEqualTo(1);
            assertThat(meters.get(MicrometerNetxObserver.HANDLER).tag("phase", "rollback").tag("outcome", "failure")
                    .timer().count()).isEqualTo(2);
            assertThat(count(meters, MicrometerNetxObserver.CLAIMS)).isEqualTo(1);
            assertThat(meters.get(NetxStatusMetrics.IN_FLIGHT).tag("group", "shop").gauge().value()).isZero();
            assertThat(meters.get(NetxStatusMetrics.WAITING_CALLERS).gauge().value()).isZero();
        }
    }

    private static double count(MeterRegistry meters, String name) {
        return meters.find(name).tag("group", "shop").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(ShopListeners.class)
    static class ShopApplication {
    }

    static class ShopListeners {

        @SagaStart(successWith = SuccessWith.PUBLISH_COMMIT)
        String check(OrderPlaced order) {
            if (order.amount() > 1000) {
                throw new CardDeclinedException("declined " + order.orderId());
            }
            return "ok";
        }

        @SagaRollback
        void undo(OrderPlaced order) {
            if (order.orderId().startsWith("stuck")) {
                throw new IllegalStateException("cannot undo " + order.orderId());
            }
        }
    }
}
