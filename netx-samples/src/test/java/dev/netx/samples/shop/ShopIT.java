package dev.netx.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The shop as users run it: three processes, one per role, sharing only a Redis; its HTTP API, and
 * the invariants that hold whatever the orders: balances and stock match the confirmed orders,
 * stock never goes negative, every answer agrees with the order's final state.
 */
class ShopIT {

    private static final int CUSTOMERS = 10;
    private static final long BALANCE = 10_000;
    private static final int PRODUCTS = 5;
    private static final long STOCK = 100;

    private static RedisLauncher launcher;
    private static Path data;
    private static ShopProcess order;
    private static ShopProcess payment;
    private static ShopProcess inventory;
    private static Shop shop;
    private static final Map<String, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void startShop() throws Exception {
        launcher = new RedisLauncher();
        RedisServer redis = launcher.standalone();
        data = Files.createTempDirectory("shop-it");
        String[] seed = {"--shop.seed.customers=" + CUSTOMERS, "--shop.seed.balance=" + BALANCE,
            "--shop.seed.products=" + PRODUCTS, "--shop.seed.stock=" + STOCK};
        payment = ShopProcess.start(ShopRole.PAYMENT, redis.uri(), data, seed);
        inventory = ShopProcess.start(ShopRole.INVENTORY, redis.uri(), data, seed);
        order = ShopProcess.start(ShopRole.ORDER, redis.uri(), data, seed);
        shop = new Shop(order, payment, inventory);
    }

    @AfterAll
    static void stopShop() {
        for (ShopProcess process : new ShopProcess[] {order, payment, inventory}) {
            if (process != null) {
                process.close();
            }
        }
        launcher.close();
    }

    private static Map<String, Object> order(String customer, String product, int quantity, long amount) {
        return Map.of("customerId", customer, "productId", product, "quantity", quantity, "amount", amount);
    }

    @ParameterizedTest
    @ValueSource(strings = {"orchestration", "choreography"})
    void aConfirmedOrderAndOrdersCancelledWithTheRemoteReason(String style) {
        Shop.Answer confirmed = place(style, order("c1", "p1", 2, 300));
        assertThat(confirmed.status()).isEqualTo(201);
        assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
        assertThat(shop.order(confirmed.text("orderId")).text("status")).isEqualTo("CONFIRMED");

        Shop.Answer poor = place(style, order("c2", "p1", 1, 1_000_000));
        assertThat(poor.status()).isEqualTo(409);
        assertThat(poor.body().path("reason").path("type").asString())
                .isEqualTo("dev.netx.samples.shop.payment.InsufficientBalanceException");
        assertThat(poor.body().path("reason").path("message").asString()).contains("customer c2");

        Shop.Answer tooMany = place(style, order("c3", "p2", 1_000, 1));
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.body().path("reason").path("type").asString())
                .isEqualTo("dev.netx.samples.shop.inventory.OutOfStockException");

        Shop.Answer nobody = place(style, order("c999", "p1", 1, 1));
        assertThat(nobody.status()).isEqualTo(409);
        assertThat(nobody.body().path("reason").path("type").asString()).endsWith("UnknownCustomerException");
        await().atMost(Duration.ofSeconds(60)).until(() -> shop.orders("PENDING").isEmpty());
        assertThat(shop.order(poor.text("orderId")).body().path("reason").path("type").asString())
                .endsWith("InsufficientBalanceException");
        assertInvariants();
    }

    @Test
    void manyBuyersRacingForTheLastUnitsNeverOversell() throws Exception {
        long before = shop.stock("p5");
        ExecutorService buyers = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Shop.Answer>> attempts = new ArrayList<>();
            for (int i = 0; i < before + 30; i++) {
                String style = i % 2 == 0 ? "orchestration" : "choreography";
                String customer = "c" + (1 + i % CUSTOMERS);
                attempts.add(CompletableFuture.supplyAsync(() -> place(style, order(customer, "p5", 1, 1)), buyers));
            }
            attempts.forEach(CompletableFuture::join);
        } finally {
            buyers.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> shop.orders("PENDING").isEmpty());
        assertThat(shop.stock("p5")).isZero();
        assertThat(shop.orders("CONFIRMED").stream().filter(o -> o.path("productId").asString().equals("p5"))
                .count()).isEqualTo(before);
        assertInvariants();
    }

    @Test
    void everyOrderEndsAndTheInvariantsHoldWhenThePaymentServiceIsKilledAndRestarted() throws Exception {
        ExecutorService buyers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Shop.Answer>> attempts = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String style = i % 2 == 0 ? "orchestration" : "choreography";
                String customer = "c" + (1 + i % CUSTOMERS);
                String product = "p" + (1 + i % 4);
                attempts.add(CompletableFuture.supplyAsync(() -> place(style, order(customer, product, 1, 7)), buyers));
                if (i == 30) {
                    payment.kill();
                }
            }
            payment.restart();
            attempts.forEach(CompletableFuture::join);
        } finally {
            buyers.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> shop.orders("PENDING").isEmpty());
        assertInvariants();
    }

    @Test
    void invalidInputIsRefusedWith400AndUnknownIdsWith404() {
        assertThat(shop.placeRaw("{not json").status()).isEqualTo(400);
        assertThat(shop.placeRaw("{\"customerId\":\"c1\",\"productId\":\"p1\",\"quantity\":1,\"amount\":1,\"x\":1}")
                .status()).isEqualTo(400);
        assertThat(shop.placeRaw("{\"customerId\":\"c1\",\"productId\":\"p1\",\"quantity\":0,\"amount\":1}")
                .status()).isEqualTo(400);
        assertThat(shop.placeRaw("{\"customerId\":\"c1\",\"productId\":\"p1\",\"quantity\":1,\"amount\":-1}")
                .status()).isEqualTo(400);
        Shop.Answer missing = shop.placeRaw("{\"customerId\":\"c1\",\"quantity\":1,\"amount\":1}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("error")).contains("productId");
        assertThat(shop.order("no-such-order").status()).isEqualTo(404);
        assertThat(shop.get(payment, "/accounts/nobody").status()).isEqualTo(404);
        assertThat(shop.get(inventory, "/products/nothing").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"orchestration", "choreography"})
    void aRetriedOrderWithTheSameIdempotencyKeyIsOneOrderWithOneDebitAndAnotherBodyIsRefused(String style)
            throws Exception {
        String key = "retry-" + style;
        long before = shop.balance("c3");
        Map<String, Object> body = order("c3", "p2", 1, 70);
        // the client's first try and its retry race, then it retries once more after the answer
        CompletableFuture<Shop.Answer> first = CompletableFuture.supplyAsync(() -> shop.placeOrder(style, body, key));
        CompletableFuture<Shop.Answer> racing = CompletableFuture.supplyAsync(() -> shop.placeOrder(style, body, key));
        Shop.Answer late = shop.placeOrder(style, body, key);
        List<Shop.Answer> all = List.of(first.get(30, TimeUnit.SECONDS), racing.get(30, TimeUnit.SECONDS), late,
                shop.placeOrder(style, body, key));

        assertThat(all).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.text("orderId")).isEqualTo(all.get(0).text("orderId"));
            assertThat(answer.text("sagaId")).isEqualTo(all.get(0).text("sagaId"));
        });
        answers.put(all.get(0).text("orderId"), 201);
        assertThat(before - shop.balance("c3")).isEqualTo(70);
        assertThat(shop.orders("CONFIRMED")).filteredOn(order -> order.path("orderId").asString()
                .equals(all.get(0).text("orderId"))).hasSize(1);

        Shop.Answer other = shop.placeOrder(style, order("c3", "p2", 5, 70), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.text("error")).contains("Idempotency-Key 'retry-" + style + "' was used for another order");
        assertThat(shop.balance("c3")).isEqualTo(before - 70);
        assertThat(shop.placeOrder(style, body, "").status()).isEqualTo(400);
        assertInvariants();
    }

    private static Shop.Answer place(String style, Map<String, Object> body) {
        Shop.Answer answer = shop.placeOrder(style, body);
        if (answer.body().has("orderId")) {
            answers.put(answer.text("orderId"), answer.status());
        }
        return answer;
    }

    /** Balances and stock match the confirmed orders; every answer agrees with its order's final state. */
    private static void assertInvariants() {
        List<JsonNode> confirmed = shop.orders("CONFIRMED");
        Map<String, Long> paid = new HashMap<>();
        Map<String, Long> taken = new HashMap<>();
        for (JsonNode each : confirmed) {
            paid.merge(each.path("customerId").asString(), each.path("amount").asLong(), Long::sum);
            taken.merge(each.path("productId").asString(), each.path("quantity").asLong(), Long::sum);
        }
        for (int i = 1; i <= CUSTOMERS; i++) {
            assertThat(BALANCE - shop.balance("c" + i)).as("c%d paid", i).isEqualTo(paid.getOrDefault("c" + i, 0L));
        }
        for (int i = 1; i <= PRODUCTS; i++) {
            long stock = shop.stock("p" + i);
            assertThat(stock).isNotNegative();
            assertThat(STOCK - stock).as("p%d taken", i).isEqualTo(taken.getOrDefault("p" + i, 0L));
        }
        answers.forEach((orderId, status) -> {
            String state = shop.order(orderId).text("status");
            if (status == 201) {
                assertThat(state).as("order %s answered 201", orderId).isEqualTo("CONFIRMED");
            } else if (status == 409) {
                assertThat(state).as("order %s answered 409", orderId).isEqualTo("CANCELLED");
            }
        });
    }
}
