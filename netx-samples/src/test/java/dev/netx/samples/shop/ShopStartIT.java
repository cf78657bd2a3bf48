package dev.netx.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netx.test.RedisLauncher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a shop process starts, as a new user runs it: role {@code all} on the base port given by
 * {@code --server.port}, ready (and saying so) only once its three roles are, and gone with status 1
 * when a role cannot start instead of running half up.
 */
class ShopStartIT {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);

    private static RedisLauncher launcher;
    private static String redis;

    @BeforeAll
    static void startRedis() {
        launcher = new RedisLauncher();
        redis = launcher.standalone().uri();
    }

    @AfterAll
    static void stopRedis() {
        launcher.close();
    }

    @Test
    void roleAllAnswersOnTheBasePortAndTheTwoAfterItAndConfirmsAnOrderPlacedAsSoonAsItIsReady() throws IOException {
        int base = FreePorts.run(3);
        try (ShopProcess all = ShopProcess.launchAll(base, redis, Files.createTempDirectory("shop-all"))) {
            all.awaitReady();

            Shop.Answer confirmed = new Shop(all).placeOrder("orchestration",
                    Map.of("customerId", "c1", "productId", "p1", "quantity", 1, "amount", 10));

            assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(201);
            assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
            assertThat(all.output()).contains(ShopProcess.READY + "order http://localhost:" + base
                    + ", payment http://localhost:" + (base + 1) + ", inventory http://localhost:" + (base + 2));
            assertThat(all.isUp()).as("order, payment and inventory UP on %d, %d, %d", base, base + 1, base + 2)
                    .isTrue();
        }
    }

    @Test
    void roleAllExitsWithStatus1WhenOneOfItsRolesCannotTakeItsPort() throws Exception {
        int base = FreePorts.run(3);
        try (ServerSocket paymentPort = new ServerSocket()) {
            paymentPort.bind(new InetSocketAddress(base + 1));
            try (ShopProcess all = ShopProcess.launchAll(base, redis, Files.createTempDirectory("shop-all"))) {
                assertThat(all.awaitExit(EXIT_TIMEOUT)).isEqualTo(1);
                assertThat(all.output()).contains("Shop role payment failed to start")
                        .contains("Port " + (base + 1) + " is already in use").doesNotContain(ShopProcess.READY);
            }
        }
    }

    @Test
    void aSingleRoleExitsWithStatus1WhenItCannotStart() throws Exception {
        int port = FreePorts.any();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(port));
            try (ShopProcess payment = ShopProcess.launch(ShopRole.PAYMENT, port, redis,
                    Files.createTempDirectory("shop-payment"))) {
                assertThat(payment.awaitExit(EXIT_TIMEOUT)).isEqualTo(1);
                assertThat(payment.output()).contains("Shop role payment failed to start");
            }
        }
    }
}
