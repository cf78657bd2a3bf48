package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.Orchestrator;
import dev.netx.Result;
import dev.netx.SagaCall;
import dev.netx.ShardBacklog;
import dev.netx.spring.SagaParticipant;
import dev.netx.spring.endpoint.NetxEndpoint;
import dev.netx.spring.health.NetxHealthIndicator;
import dev.netx.spring.metrics.MicrometerNetxObserver;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A participant's service shows what waits for its group, per shard and stream, in its gauges, its
 * health details and its actuator endpoint; its health is DEGRADED while more waits than
 * {@code netx.health.max-backlog}, and UP again once the backlog is worked off.
 */
@RedisTest
class BacklogIT {

    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Test
    void gaugesHealthAndEndpointShowTheGroupsBacklogAndHealthIsDegradedPastTheThreshold(RedisServer redis) {
        try (ConfigurableApplicationContext inventory = Apps.run(InventoryApplication.class, redis,
                "netx.group=inventory", "netx.shards=2", "netx.backpressure=1", "netx.trim-interval=200ms",
                "netx.health.max-backlog=3", "spring.jmx.enabled=true",
                "management.endpoints.jmx.exposure.include=netx");
                ConfigurableApplicationContext order = Apps.run(CalledGroupsIT.OrderApplication.class, redis,
                        "netx.group=order", "netx.shards=2")) {
            @SuppressWarnings("unchecked")
            Orchestrator<Long, String> reserve = order.getBean("reserve", Orchestrator.class);
            List<CompletableFuture<Result<String>>> sagas = new ArrayList<>();
            for (long product = 0; product < 6; product++) {
                sagas.add(reserve.saga(product, SagaCall.defaults().withTimeout(Duration.ofSeconds(60))));
            }
            HealthIndicator health = inventory.getBean("netxHealthIndicator", HealthIndicator.class);
            MeterRegistry meters = inventory.getBean(MeterRegistry.class);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(health.health().getStatus().getCode()).isEqualTo(NetxHealthIndicator.DEGRADED);
                assertThat(health.health().getStatus().getDescription())
                        .isEqualTo("6 messages wait for group inventory, above netx.health.max-backlog=3");
                assertThat(sum(meters, MicrometerNetxObserver.BACKLOG_LAG)
                        + sum(meters, MicrometerNetxObserver.BACKLOG_PENDING)).isEqualTo(6);
                assertThat(sum(meters, MicrometerNetxObserver.BACKLOG_PENDING)).isPositive();
            });
            assertThat(meters.find(MicrometerNetxObserver.BACKLOG_LAG).gauges()).hasSize(2)
                    .allSatisfy(gauge -> assertThat(gauge.getId().getTag("stream")).isEqualTo("inbox"))
                    .extracting(gauge -> gauge.getId().getTag("shard")).containsExactlyInAnyOrder("0", "1");
            assertThat(meters.get(MicrometerNetxObserver.BACKLOG_OLDEST_PENDING).tag("shard", "0").timeGauge())
                    .isNotNull();
            Map<String, Object> details = health.health().getDetails();
            assertThat(details.get("backlog")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsKeys("lag", "pending", "oldestPendingSeconds")
                    .extractingByKey("shards").asInstanceOf(InstanceOfAssertFactories.LIST).isNotEmpty();
            NetxEndpoint endpoint = inventory.getBean(NetxEndpoint.class);
            assertThat(endpoint.node(null).status().backlog()).hasSize(2)
                    .extracting(ShardBacklog::stream).containsOnly(ShardBacklog.Stream.INBOX);
            assertThat(endpoint.node(null).status().waiting()).isEqualTo(6);

            RELEASE.countDown();
            sagas.forEach(saga -> assertThat(saga.join().get()).endsWith(" reserved"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                assertThat(sum(meters, MicrometerNetxObserver.BACKLOG_LAG)
                        + sum(meters, MicrometerNetxObserver.BACKLOG_PENDING)).isZero();
            });
        } finally {
            RELEASE.countDown();
        }
    }

    private static double sum(MeterRegistry meters, String name) {
        return meters.find(name).gauges().stream().mapToDouble(Gauge::value).sum();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(SlowStock.class)
    static class InventoryApplication {
    }

    static class SlowStock {

        @SagaParticipant("reserve")
        String reserve(Long product) throws InterruptedException {
            RELEASE.await(60, TimeUnit.SECONDS);
            return product + " reserved";
        }
    }
}
