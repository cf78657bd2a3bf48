package dev.netx.spring.autoconfigure;

import dev.netx.test.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs test applications, with every auto-configuration on the classpath, against a real Redis. */
final class Apps {

    private Apps() {
    }

    /**
     * Runs the application with Spring Boot's Redis pointed at the server, short Netx timeouts, and
     * the given properties, which win.
     */
    static ConfigurableApplicationContext run(Class<?> application, RedisServer redis, String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port()));
        all.addAll(List.of(properties));
        return run(application, all.toArray(String[]::new));
    }

    /**
     * Runs the application as a servlet web application on free ports (its server's and its management
     * server's), with Spring Boot's Redis pointed at the server and the given properties, which win.
     */
    static ConfigurableApplicationContext runWeb(Class<?> application, RedisServer redis, String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port(), "server.port=0", "management.server.port=0",
                "spring.main.banner-mode=off", "netx.shards=2", "netx.poll-timeout=200ms", "netx.orphan-timeout=2s",
                "netx.shutdown-grace=2s"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET)
                .properties(all.toArray(String[]::new)).run();
    }

    /** Runs the application with short Netx timeouts and the given properties, which win. */
    static ConfigurableApplicationContext run(Class<?> application, String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.main.banner-mode=off", "netx.shards=2",
                "netx.poll-timeout=200ms", "netx.orphan-timeout=2s", "netx.shutdown-grace=2s"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new)).run();
    }
}
