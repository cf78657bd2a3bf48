package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.Orchestrator;
import dev.netx.OrchestratorFactory;
import dev.netx.Result;
import dev.netx.SagaCall;
import dev.netx.SagaContext;
import dev.netx.Step;
import dev.netx.spring.SagaParticipant;
import dev.netx.spring.endpoint.NetxEndpoint;
import dev.netx.spring.metrics.MicrometerNetxObserver;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * An orchestrator's service shows, in its health details and its gauges, that its sagas wait on a
 * group with no live node (one not deployed yet), stays UP, and shows the group served once it starts.
 */
@RedisTest
class CalledGroupsIT {

    @Test
    void healthAndGaugesNameTheCalledGroupThatHasMessagesWaitingAndNoLiveNode(RedisServer redis) {
        try (ConfigurableApplicationContext order = Apps.run(OrderApplication.class, redis, "netx.group=order",
                "netx.trim-interval=200ms", "spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=netx")) {
            @SuppressWarnings("unchecked")
            Orchestrator<Long, String> reserve = order.getBean("reserve", Orchestrator.class);
            CompletableFuture<Result<String>> call = reserve.saga(7L, SagaCall.defaults()
                    .withTimeout(Duration.ofSeconds(60)));
            HealthIndicator health = order.getBean("netxHealthIndicator", HealthIndicator.class);
            MeterRegistry meters = order.getBean(MeterRegistry.class);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(health.health().getDetails().get("waitingOn")).asInstanceOf(InstanceOfAssertFactories.LIST).singleElement().asString()
                        .startsWith("waiting on group inventory, which has no live node: 1 messages");
                assertThat(meters.get(MicrometerNetxObserver.CALLED_GROUP_WAITING).tag("called.group", "inventory")
                        .gauge().value()).isEqualTo(1);
            });
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            NetxEndpoint endpoint = order.getBean(NetxEndpoint.class);
            assertThat(endpoint.node(null).orchestrators()).singleElement().satisfies(version -> {
                assertThat(version.orchestrator()).isEqualTo("reserve");
                assertThat(version.declaredHere()).isTrue();
                assertThat(version.running()).isEqualTo(1);
            });
            assertThat(meters.get(MicrometerNetxObserver.CALLED_GROUP_LIVE_NODES).tag("called.group", "inventory")
                    .gauge().value()).isZero();

            try (ConfigurableApplicationContext inventory = Apps.run(InventoryApplication.class, redis,
                    "netx.group=inventory", "netx.trim-interval=200ms")) {
                assertThat(call.join().get()).isEqualTo("7 reserved");
                assertThat(endpoint.node(null).orchestrators()).singleElement()
                        .satisfies(version -> assertThat(version.running()).isZero());
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(health.health().getDetails()).doesNotContainKey("waitingOn");
                    assertThat(health.health().getDetails().get("calledGroups")).isEqualTo(Map.of("inventory",
                            Map.of("liveNodes", 1, "waiting", 0L, "oldestWaitingSeconds", 0L)));
                    assertThat(meters.get(MicrometerNetxObserver.CALLED_GROUP_LIVE_NODES)
                            .tag("called.group", "inventory").gauge().value()).isEqualTo(1);
                });
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class OrderApplication {

        @Bean
        Orchestrator<Long, String> reserve(OrchestratorFactory factory) {
            return factory.create("reserve", Long.class)
                    .start(Step.<Long, String>remote("inventory", "reserve", String.class))
                    .commit(Step.local(String.class, (String reserved, SagaContext context) -> reserved));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Stock.class)
    static class InventoryApplication {
    }

    static class Stock {

        @SagaParticipant("reserve")
        String reserve(Long product) {
            return product + " reserved";
        }
    }
}
