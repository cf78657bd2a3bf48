package dev.netx.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A new order while Redis is nearly full is refused with 429 and Retry-After, and taken again once it is not. */
class BusyRedisIT {

    @Test
    void aNewOrderIsRefusedWith429AndRetryAfterWhileRedisIsNearlyFull() throws Exception {
        Path data = Files.createTempDirectory("busy-redis");
        String[] args = {"--netx.admission.sample-interval=200ms"};
        try (RedisLauncher launcher = new RedisLauncher()) {
            RedisServer redis = launcher.standalone();
            try (ShopProcess payment = ShopProcess.start(ShopRole.PAYMENT, redis.uri(), data, args);
                    ShopProcess inventory = ShopProcess.start(ShopRole.INVENTORY, redis.uri(), data, args);
                    ShopProcess order = ShopProcess.start(ShopRole.ORDER, redis.uri(), data, args);
                    RedisClient client = RedisClient.create(redis.redisUri());
                    StatefulRedisConnection<String, String> raw = client.connect()) {
                Shop shop = new Shop(order, payment, inventory);
                Map<String, Object> body = Map.of("customerId", "c1", "productId", "p1", "quantity", 1, "amount", 10);
                assertThat(shop.placeOrder("orchestration", body).status()).isEqualTo(201);

                String ballast = "x".repeat(1024);
                for (int i = 0; i < 20_000; i++) {
                    raw.async().set("ballast:" + i, ballast);
                }
                long used = Long.parseLong(raw.sync().info("memory").lines()
                        .filter(line -> line.startsWith("used_memory:")).findFirst().orElseThrow().substring(12).trim());
                raw.sync().configSet("maxmemory", Long.toString((long) (used / 0.94)));

                // probe orders of another customer until the order service has sampled Redis's memory
                Map<String, Object> probe = Map.of("customerId", "c2", "productId", "p1", "quantity", 1, "amount", 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> shop.placeOrder("choreography", probe).status() == 429);
                Shop.Answer refused = shop.placeOrder("orchestration", body);
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).contains("1");
                assertThat(refused.text("error")).contains("netx.admission.max-memory");
                assertThat(shop.balance("c1")).isEqualTo(10_000 - 10);

                raw.sync().configSet("maxmemory", "0");
                await().atMost(Duration.ofSeconds(10)).until(() -> shop.placeOrder("orchestration", body).status() == 201);
                assertThat(shop.balance("c1")).isEqualTo(10_000 - 20);
            }
        }
    }
}
