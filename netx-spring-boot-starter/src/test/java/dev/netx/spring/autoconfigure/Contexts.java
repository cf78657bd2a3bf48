package dev.netx.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Context runners for tests that need no Redis: nodes are built but never started. */
final class Contexts {

    private Contexts() {
    }

    /**
     * Netx's and Spring Boot's Redis auto-configuration, a group, no auto-startup, and a Redis
     * address nobody listens on (nothing connects, and never to a Redis on 6379 by accident).
     */
    static ApplicationContextRunner unstarted() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, NetxAutoConfiguration.class))
                .withPropertyValues("netx.group=payment", "netx.auto-startup=false", "spring.data.redis.port=1");
    }
}
