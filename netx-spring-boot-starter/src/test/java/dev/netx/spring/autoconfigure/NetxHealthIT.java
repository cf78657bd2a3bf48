package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** The {@code netx} health contributor follows Redis and the node. */
@RedisTest
class NetxHealthIT {

    @Test
    void goesDownWhenRedisIsKilledAndUpWhenItIsBack(RedisServer redis) {
        try (ConfigurableApplicationContext app = Apps.run(HealthApplication.class, redis, "netx.group=health")) {
            HealthIndicator health = (HealthIndicator) app.getBean(HealthContributorRegistry.class)
                    .getContributor("netx");
            assertThat(health).isNotNull();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("group", "health").containsEntry("shards", 2)
                    .containsKey("redisLatencyMillis");

            redis.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.DOWN));

            redis.restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus().equals(Status.UP));
        }
    }

    @Test
    void isDownOnceTheNodeHasStopped(RedisServer redis) {
        try (ConfigurableApplicationContext app = Apps.run(HealthApplication.class, redis, "netx.group=health")) {
            HealthIndicator health = app.getBean("netxHealthIndicator", HealthIndicator.class);

            app.stop();

            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("reason", "the node is not running");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class HealthApplication {
    }
}
