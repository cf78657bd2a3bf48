package dev.netx.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * An order whose saga Redis loses while its caller waits (as after a failover to a replica that never
 * got it) is answered with HTTP 500 and a body saying so, whatever the style: neither a hang nor a
 * bare error page, and not a 503 that invites a retry charging the customer twice.
 */
class LostSagaIT {

    @Test
    void anOrderWhoseSagaIsLostWhileItWaitsIsAnsweredUnknownWithTheReason() throws Exception {
        try (RedisLauncher launcher = new RedisLauncher()) {
            RedisServer redis = launcher.standalone();
            // no payment or inventory process: the sagas wait at their first step until the test removes them
            try (ShopProcess order = ShopProcess.start(ShopRole.ORDER, redis.uri(),
                    Files.createTempDirectory("shop-lost"), "--shop.order-timeout=60s")) {
                Shop shop = new Shop(order, null, null);
                Map<String, Object> body = Map.of("customerId", "c1", "productId", "p1", "quantity", 1, "amount", 5);
                ExecutorService callers = Executors.newFixedThreadPool(2);
                RedisClient client = RedisClient.create(redis.redisUri());
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    CompletableFuture<Shop.Answer> orchestrated = CompletableFuture.supplyAsync(
                            () -> shop.placeOrder("orchestration", body), callers);
                    CompletableFuture<Shop.Answer> choreographed = CompletableFuture.supplyAsync(
                            () -> shop.placeOrder("choreography", body), callers);
                    RedisCommands<String, String> commands = connection.sync();
                    await().atMost(Duration.ofSeconds(30)).until(() -> sagaKeys(commands).size() == 2);
                    assertThat(orchestrated).isNotDone();
                    assertThat(choreographed).isNotDone();

                    commands.del(sagaKeys(commands).toArray(String[]::new));

                    for (Shop.Answer answer : List.of(orchestrated.get(), choreographed.get())) {
                        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(500);
                        assertThat(answer.text("status")).isEqualTo("UNKNOWN");
                        assertThat(answer.text("orderId")).isNotEmpty();
                        assertThat(answer.text("error")).contains("saga " + answer.text("sagaId") + " was lost")
                                .contains("do not retry");
                    }
                } finally {
                    client.shutdown();
                    callers.shutdownNow();
                }
            }
        }
    }

    private static List<String> sagaKeys(RedisCommands<String, String> commands) {
        KeyScanCursor<String> cursor = commands.scan(ScanArgs.Builder.matches("netx:*:saga:*").limit(1_000));
        assertThat(cursor.isFinished()).isTrue();
        return cursor.getKeys();
    }
}
