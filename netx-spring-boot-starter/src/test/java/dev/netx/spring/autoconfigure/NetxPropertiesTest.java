package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netx.AdmissionOptions;
import dev.netx.NetxOptions;
import dev.netx.RateLimit;
import dev.netx.RateLimits;
import dev.netx.spring.NetxProperties;
import dev.netx.spring.NodeNameStrategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code netx.*} properties bind to the node's options, and invalid ones fail start-up naming the property. */
class NetxPropertiesTest {

    @Test
    void bindsEveryPropertyToTheNodesOptions() {
        Contexts.unstarted().withPropertyValues("netx.group=inventory", "netx.node-name=inv-1", "netx.namespace=shop",
                "netx.shards=4", "netx.backpressure=32", "netx.orphan-timeout=45s", "netx.max-deliveries=3",
                "netx.retention=2h", "netx.running-retention=3d", "netx.max-payload-bytes=4096",
                "netx.poll-timeout=500ms",
                "netx.shutdown-grace=20s", "netx.trim-interval=1m", "netx.write-retry=3s", "netx.replica-acks=1",
                "netx.replica-ack-timeout=250ms", "netx.version-wait=90s",
                "netx.admission.max-memory=0.8", "netx.admission.max-backlog=5000",
                "netx.rate-limits.orchestrators.place-order=50", "netx.rate-limits.handlers.debit=2.5",
                "netx.history=false",
                "netx.trusted-packages=com.shop.api,com.shop.errors")
                .run(context -> assertThat(context.getBean(NetxOptions.class)).isEqualTo(new NetxOptions("inventory",
                        "inv-1", "shop", 4, 32, Duration.ofSeconds(45), 3, Duration.ofHours(2), Duration.ofDays(3), 4096,
                        Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(1), Duration.ofSeconds(3),
                        1, Duration.ofMillis(250), Duration.ofSeconds(90),
                        new AdmissionOptions(0.8, 5000, Duration.ofSeconds(1)),
                        RateLimits.none().withOrchestrator("place-order", new RateLimit(50, 50))
                                .withHandler("debit", new RateLimit(2.5, 3)), false,
                        List.of("com.shop.api", "com.shop.errors"))));
    }

    @Test
    void defaultsAreThoseOfNetxOptions() {
        Contexts.unstarted().withPropertyValues("netx.node-name=n1").run(context -> {
            assertThat(context.getBean(NetxOptions.class))
                    .isEqualTo(NetxOptions.builder("payment").nodeName("n1").build());
            assertThat(context.getBean(NetxProperties.class).autoStartup()).isFalse();
            assertThat(context.getBean(NetxProperties.class).redis()).isNull();
        });
    }

    @Test
    void trustsTheApplicationsPackagesUnlessTrustedPackagesAreSet() {
        Contexts.unstarted()
                .withInitializer(context -> AutoConfigurationPackages.register(
                        (BeanDefinitionRegistry) context.getBeanFactory(), "com.shop.payment"))
                .run(context -> assertThat(context.getBean(NetxOptions.class).trustedPackages())
                        .containsExactly("com.shop.payment"));
        Contexts.unstarted().withPropertyValues("netx.trusted-packages=")
                .withInitializer(context -> AutoConfigurationPackages.register(
                        (BeanDefinitionRegistry) context.getBeanFactory(), "com.shop.payment"))
                .run(context -> assertThat(context.getBean(NetxOptions.class).trustedPackages()).isEmpty());
    }

    @Test
    void takesTheNodeNameFromTheStrategyWhenNotSet() {
        Contexts.unstarted().withBean(NodeNameStrategy.class, () -> () -> "pod-7")
                .run(context -> assertThat(context.getBean(NetxOptions.class).nodeName()).isEqualTo("pod-7"));
    }

    @Test
    void failsStartUpWhenTheGroupIsMissing() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NetxAutoConfiguration.class))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageStartingWith("netx.group is required"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "netx.group=                    | netx.group is required",
        "netx.shards=0                  | netx.shards=0 is invalid",
        "netx.shards=2000               | netx.shards=2000 is invalid",
        "netx.backpressure=0            | netx.backpressure=0 is invalid",
        "netx.orphan-timeout=-1s        | netx.orphan-timeout=PT-1S is invalid",
        "netx.retention=0s              | netx.retention=PT0S is invalid",
        "netx.write-retry=-1s           | netx.write-retry=PT-1S is invalid",
        "netx.replica-acks=-1           | netx.replica-acks=-1 is invalid",
        "netx.replica-ack-timeout=0s    | netx.replica-ack-timeout=PT0S is invalid",
        "netx.running-retention=1m      | netx.running-retention=PT1M is invalid: must not be shorter than retention",
        "netx.poll-timeout=1m           | netx.poll-timeout=PT1M is invalid: must be shorter than orphan-timeout",
        "netx.node-name=two words       | netx.node-name=two words is invalid",
        "netx.trusted-packages=com..x   | netx.trusted-packages=[com..x] is invalid",
        "netx.health.max-backlog=-1     | netx.health.max-backlog=-1 is invalid",
        "netx.rate-limits.handlers.debit=0 | netx.rate-limits.handlers.debit=0.0 is invalid",
        "netx.rate-limits.orchestrators.pay=-2 | netx.rate-limits.orchestrators.pay=-2.0 is invalid",
        "netx.health.max-oldest-pending=-1s | netx.health.max-oldest-pending=PT-1S is invalid",
        "netx.redis.password=secret     | netx.redis.* needs exactly one of",
        "netx.redis.cluster.nodes=      | netx.redis.cluster.nodes needs at least one host:port",
    })
    void failsStartUpNamingTheInvalidProperty(String property, String message) {
        Contexts.unstarted().withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasMessageContaining("Could not bind properties to 'NetxProperties' : prefix=netx")
                    .rootCause().hasMessageContaining(message);
        });
    }
}
