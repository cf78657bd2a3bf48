package dev.netx.samples.shop;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One shop role in its own JVM, as a user runs it; the test can kill it and start it again. */
final class ShopProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ShopRole role;
    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    private ShopProcess(ShopRole role, List<String> command, Path log, int port) {
        this.role = role;
        this.command = command;
        this.log = log;
        this.port = port;
    }

    /** Starts a role against the Redis at {@code redisUrl}, with its data under {@code dataDir}, and waits until it is UP. */
    static ShopProcess start(ShopRole role, String redisUrl, Path dataDir, String... extraArgs) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    ShopApplication.class.getName(), "--shop.role=" + role.id(), "--server.port=" + port,
                    "--spring.data.redis.url=" + redisUrl, "--shop.data-dir=" + dataDir,
                    "--netx.orphan-timeout=3s", "--logging.level.root=warn"));
            command.addAll(List.of(extraArgs));
            ShopProcess shop = new ShopProcess(role, command, Files.createTempFile("shop-" + role.id(), ".log"), port);
            shop.launch();
            return shop;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> !process.isAlive() || isUp());
        if (!process.isAlive()) {
            throw new IllegalStateException(role + " died at start:\n" + output());
        }
    }

    boolean isUp() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(url("/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the role again on the same port and data. */
    void restart() throws IOException {
        launch();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
