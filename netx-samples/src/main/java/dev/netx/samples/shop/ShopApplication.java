package dev.netx.samples.shop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Runs the shop: {@code --shop.role=order|payment|inventory} runs one service; {@code all} (the
 * default) runs the three in one process, each its own Spring application on its own port.
 *
 * <p><b>Ports.</b> In role {@code all}, {@code server.port} (on the command line, as a system
 * property or as {@code SERVER_PORT}) is the base port when it is given, else {@code shop.base-port}
 * (default 8080): order listens on the base port, payment on the next, inventory on the one after
 * ({@code server.port=0}: each role on a free port of its own). In a single role, {@code server.port}
 * is that role's port as usual; without it the role takes its place from {@code shop.base-port}
 * (order 8080, payment 8081, inventory 8082).
 *
 * <p><b>Start.</b> The roles of a process start one after another, payment and inventory before
 * order, so that the front door opens last. When every one has started (its context refreshed, its
 * Netx node reading), the shop logs one line, e.g.
 * {@code Shop ready: order http://localhost:8080, payment http://localhost:8081, inventory http://localhost:8082}
 * (in a single role, that role alone). When a role fails to start, the roles already started are
 * closed, an error line names the role and the cause, and the process exits with status 1.
 *
 * <p><b>Schema.</b> Each role's tables and seed data come from its Flyway migrations
 * ({@code db/migration/<role>}, history in {@code <role>_schema_history}), so replicas of a role that
 * start together against one database take turns, and the three roles may share one database.
 */
@SpringBootApplication
@EnableConfigurationProperties(ShopProperties.class)
public class ShopApplication {

    private static final Logger log = LoggerFactory.getLogger(ShopApplication.class);
    /** Participants first: once order answers, its saga finds payment and inventory reading. */
    private static final List<ShopRole> START_ORDER = List.of(ShopRole.INVENTORY, ShopRole.PAYMENT, ShopRole.ORDER);

    /** The fault-injection hooks: they never fire unless {@code shop.faults.*} is set. */
    @Bean
    FaultHooks faultHooks(ShopProperties properties) {
        return new FaultHooks(properties.faults());
    }

    /** Migrates the role's schema, once more after losing a race to a replica (see {@link RacingMigration}). */
    @Bean
    FlywayMigrationStrategy racingMigration(ShopProperties properties) {
        return new RacingMigration(properties.role());
    }

    /** Starts the shop; exits with status 1 if any of its roles fails to start. */
    public static void main(String[] args) {
        PropertyResolver settings = settings(args);
        try {
            List<ShopRole> roles = roles(settings.getProperty("shop.role", "all"));
            List<String> all = new ArrayList<>(Arrays.asList(args));
            EmbeddedRedis.startIfNeeded(args).ifPresent(url -> all.add("--spring.data.redis.url=" + url));
            start(roles, settings, all);
        } catch (RuntimeException e) {
            log.error("Shop failed to start: {}", causes(e));
            System.exit(1);
        }
    }

    private static void start(List<ShopRole> roles, PropertyResolver settings, List<String> args) {
        int basePort = settings.getProperty("shop.base-port", Integer.class, 8080);
        Integer base = roles.size() > 1 ? settings.getProperty("server.port", Integer.class, basePort) : null;
        String dataDir = settings.getProperty("shop.data-dir", "./data");
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        for (ShopRole role : roles) {
            try {
                started.add(run(role, basePort, base == null ? null : role.port(base), dataDir, args));
            } catch (RuntimeException e) {
                log.error("Shop role {} failed to start, so the shop stops: {}", role.id(), causes(e));
                Collections.reverse(started);
                started.forEach(ConfigurableApplicationContext::close);
                System.exit(1);
            }
        }
        log.info("Shop ready: {}", addresses(started));
    }

    /**
     * Starts one role; its defaults give way to anything set on the command line or in the
     * environment, except {@code port} when not null (role {@code all}), which wins over any
     * {@code server.port}. Blocks until the role is started; throws if it fails to start.
     */
    static ConfigurableApplicationContext run(ShopRole role, int basePort, Integer port, String dataDir,
            List<String> args) {
        Map<String, Object> defaults = Map.of(
                "netx.group", role.id(),
                "spring.application.name", "shop-" + role.id(),
                "server.port", role.port(basePort),
                "spring.datasource.url", "jdbc:h2:file:" + dataDir + "/" + role.id() + "/shop;WRITE_DELAY=0",
                "spring.flyway.locations", "classpath:db/migration/" + role.id(),
                "spring.flyway.table", role.id() + "_schema_history");
        List<String> roleArgs = new ArrayList<>(args.stream().filter(arg -> !arg.startsWith("--shop.role="))
                .filter(arg -> port == null || !arg.startsWith("--server.port=")).toList());
        roleArgs.add("--shop.role=" + role.id());
        if (port != null) {
            roleArgs.add("--server.port=" + port);
        }
        return new SpringApplicationBuilder(ShopApplication.class).properties(defaults)
                .run(roleArgs.toArray(String[]::new));
    }

    private static List<ShopRole> roles(String role) {
        return "all".equals(role) ? START_ORDER : List.of(ShopRole.of(role));
    }

    /** What the shop's own choices read: the command line, system properties, the environment. */
    private static PropertyResolver settings(String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return environment;
    }

    /** {@code order http://localhost:8080, payment http://localhost:8081, ...}: the roles started, in role order. */
    private static String addresses(List<ConfigurableApplicationContext> started) {
        return started.stream()
                .sorted(Comparator.comparing(context -> ShopRole.of(context.getEnvironment().getProperty("shop.role"))))
                .map(context -> context.getEnvironment().getProperty("shop.role") + " http://localhost:"
                        + ((WebServerApplicationContext) context).getWebServer().getPort())
                .collect(Collectors.joining(", "));
    }

    /** The messages of an exception and its causes, each once (Spring's messages often repeat their cause's). */
    static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        String previous = "";
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
            if (!previous.contains(message)) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
            previous = message;
        }
        return text.toString();
    }
}
