package dev.netx.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deploy that changes the order saga while an order runs: the order started by the old build
 * (version 1) is undone by version 1's steps once a build that still declares version 1 runs; a build
 * that declares only version 2 leaves it alone; new orders run version 2.
 */
class RollingDeployIT {

    private static final String[] SEED = {"--shop.seed.customers=3", "--shop.seed.balance=1000",
        "--shop.seed.products=2", "--shop.seed.stock=5", "--shop.order-timeout=1s", "--netx.version-wait=10m"};

    private static String[] args(String... more) {
        String[] all = new String[SEED.length + more.length];
        System.arraycopy(SEED, 0, all, 0, SEED.length);
        System.arraycopy(more, 0, all, SEED.length, more.length);
        return all;
    }

    @Test
    void anOrderOfTheOldVersionIsUndoneByItsOwnStepsAndNewOrdersRunTheNewVersion() throws Exception {
        Path data = Files.createTempDirectory("rolling-deploy");
        try (RedisLauncher launcher = new RedisLauncher()) {
            RedisServer redis = launcher.standalone();
            try (ShopProcess payment = ShopProcess.start(ShopRole.PAYMENT, redis.uri(), data, SEED)) {
                // the old build of the order service; inventory is not deployed yet, so the order waits for it
                ShopProcess oldOrder = ShopProcess.start(ShopRole.ORDER, redis.uri(), data,
                        args("--shop.saga.versions=1", "--shop.saga.start-version=1"));
                Shop.Answer waiting = new Shop(oldOrder, payment, payment).placeOrder("orchestration",
                        Map.of("customerId", "c1", "productId", "p1", "quantity", 50, "amount", 300));
                assertThat(waiting.status()).isEqualTo(202);
                String orderId = waiting.text("orderId");
                oldOrder.close();

                // a wrong deploy: version 2 only. It must not undo the old order with version 2's steps
                ShopProcess newOnly = ShopProcess.start(ShopRole.ORDER, redis.uri(), data,
                        args("--shop.saga.versions=2", "--shop.saga.start-version=2"));
                try (ShopProcess inventory = ShopProcess.start(ShopRole.INVENTORY, redis.uri(), data, SEED)) {
                    Shop wrong = new Shop(newOnly, payment, inventory);
                    await().atMost(Duration.ofSeconds(30)).until(() -> newOnly.output()
                            .contains("the saga started with version 1 of orchestrator 'place-order'"));
                    assertThat(wrong.order(orderId).text("status")).isEqualTo("PENDING");
                    assertThat(wrong.balance("c1")).isEqualTo(700);
                    newOnly.close();

                    // the right deploy declares both: the old order is cancelled and refunded by version 1
                    try (ShopProcess order = ShopProcess.start(ShopRole.ORDER, redis.uri(), data,
                            args("--shop.saga.versions=1,2", "--shop.saga.start-version=2"))) {
                        Shop shop = new Shop(order, payment, inventory);
                        await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(
                                shop.order(orderId).text("status")));
                        assertThat(shop.order(orderId).body().path("sagaVersion").isNull()).isTrue();
                        assertThat(shop.balance("c1")).isEqualTo(1000);

                        Shop.Answer current = shop.placeOrder("orchestration",
                                Map.of("customerId", "c2", "productId", "p2", "quantity", 1, "amount", 100));
                        assertThat(current.status()).isEqualTo(201);
                        assertThat(shop.order(current.text("orderId")).body().path("sagaVersion").asInt())
                                .isEqualTo(2);
                        Shop.Answer undone = shop.placeOrder("orchestration",
                                Map.of("customerId", "c3", "productId", "p2", "quantity", 50, "amount", 100));
                        assertThat(undone.status()).isEqualTo(409);
                        assertThat(shop.balance("c3")).isEqualTo(1000);
                        assertThat(shop.stock("p2")).isEqualTo(4);
                    }
                }
            }
        }
    }
}
