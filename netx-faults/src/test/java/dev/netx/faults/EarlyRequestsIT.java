package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Regression test of a bug the kill-app scenario found: a restarted order process answers
 * {@code POST /orders} with HTTP 500 ("Netx node ... is NEW, not running") for as long as its web
 * server takes requests before its Netx node has started: the starter's lifecycle phase
 * ({@code SmartLifecycle.DEFAULT_PHASE - 512}) came after the web server's
 * ({@code DEFAULT_PHASE - 2048}), so Tomcat started first (and, on shutdown, Netx stopped first).
 * Fixed by a phase below the web server's.
 */
class EarlyRequestsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    @Test
    void anOrderProcessNeverAnswers500WhileItStarts() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "early-requests"));
        ShopSettings settings = new ShopSettings(Path.of(System.getProperty("netx.faults.shop-jar")), logs,
                Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(45),
                new ShopSettings.Seed(2, 1_000, 2, 1_000));
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicBoolean starting = new AtomicBoolean(true);
        try (RedisLauncher launcher = new RedisLauncher(); RoleDatabase database = RoleDatabase.start("order")) {
            RedisServer redis = launcher.standalone();
            int port;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            AppProcess order = new AppProcess("order", 1, port,
                    name -> settings.command("order", port, name, List.of("--spring.data.redis.url=" + redis.uri()),
                            database.url()), logs);
            CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
                while (starting.get()) {
                    try {
                        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(order.url("/orders"))
                                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"customerId\":\"c1\",\"productId\":\"p1\",\"quantity\":1,\"amount\":1}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        statuses.merge(answer.statusCode(), 1, Integer::sum);
                    } catch (java.io.IOException e) {
                        statuses.merge(0, 1, Integer::sum); // not listening yet
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            try {
                order.start();
            } finally {
                starting.set(false);
                caller.join();
                order.close();
            }
        }
        assertThat(statuses.keySet()).as("statuses while starting: %s", statuses).doesNotContain(500);
        assertThat(List.copyOf(statuses.keySet())).isNotEmpty();
    }
}
