package dev.netx.samples.shop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Runs the shop: {@code --shop.role=order|payment|inventory} runs one service; {@code all} (the
 * default) runs the three in one process, each its own Spring application on its own port (order on
 * {@code shop.base-port}, default 8080, payment on the next, inventory on the one after).
 */
@SpringBootApplication
@EnableConfigurationProperties(ShopProperties.class)
public class ShopApplication {

    /** The fault-injection hooks: they never fire unless {@code shop.faults.*} is set. */
    @Bean
    FaultHooks faultHooks(ShopProperties properties) {
        return new FaultHooks(properties.faults());
    }

    /** Starts the shop. */
    public static void main(String[] args) {
        String role = argument(args, "shop.role", "all");
        int basePort = Integer.parseInt(argument(args, "shop.base-port", "8080"));
        String dataDir = argument(args, "shop.data-dir", "./data");
        List<String> extra = new ArrayList<>();
        EmbeddedRedis.startIfNeeded(args).ifPresent(url -> extra.add("--spring.data.redis.url=" + url));
        String[] all = concat(args, extra);
        if ("all".equals(role)) {
            for (ShopRole each : ShopRole.values()) {
                run(each, basePort, dataDir, all);
            }
        } else {
            run(ShopRole.of(role), basePort, dataDir, all);
        }
    }

    /** Starts one role; its defaults give way to anything set on the command line or in the environment. */
    static void run(ShopRole role, int basePort, String dataDir, String[] args) {
        Map<String, Object> defaults = Map.of(
                "shop.role", role.id(),
                "netx.group", role.id(),
                "spring.application.name", "shop-" + role.id(),
                "server.port", role.port(basePort),
                "spring.datasource.url", "jdbc:h2:file:" + dataDir + "/" + role.id() + "/shop;WRITE_DELAY=0",
                "spring.sql.init.schema-locations", "classpath:schema-" + role.id() + ".sql");
        String[] roleArgs = Arrays.stream(args).filter(arg -> !arg.startsWith("--shop.role=")).toArray(String[]::new);
        new SpringApplicationBuilder(ShopApplication.class).properties(defaults)
                .properties("shop.role=" + role.id())
                .run(roleArgs);
    }

    private static String argument(String[] args, String name, String fallback) {
        String prefix = "--" + name + "=";
        return Arrays.stream(args).filter(arg -> arg.startsWith(prefix)).map(arg -> arg.substring(prefix.length()))
                .reduce((first, second) -> second).orElse(fallback);
    }

    private static String[] concat(String[] args, List<String> extra) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(extra);
        return all.toArray(String[]::new);
    }
}
