package dev.netx.samples.shop;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One shop process (a role, or role {@code all}) in its own JVM, as a user runs it; the test can kill
 * it and start it again.
 */
final class ShopProcess implements AutoCloseable {

    /** What the shop logs once every role of the process has started. */
    static final String READY = "Shop ready: ";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final List<String> command;
    private final Path log;
    private final Map<ShopRole, Integer> ports;
    private Process process;
    private long logStart;

    private ShopProcess(String name, List<String> command, Path log, Map<ShopRole, Integer> ports) {
        this.name = name;
        this.command = command;
        this.log = log;
        this.ports = ports;
    }

    /** Starts a role against the Redis at {@code redisUrl}, data under {@code dataDir}; waits until it is UP. */
    static ShopProcess start(ShopRole role, String redisUrl, Path dataDir, String... extraArgs) {
        ShopProcess shop = launch(role, redisUrl, dataDir, extraArgs);
        shop.awaitUp();
        return shop;
    }

    /** Launches a role on a free port without waiting for it; see {@link #awaitUp()}. */
    static ShopProcess launch(ShopRole role, String redisUrl, Path dataDir, String... extraArgs) {
        return launch(role, FreePorts.any(), redisUrl, dataDir, extraArgs);
    }

    /** Launches a role on {@code port} without waiting for it. */
    static ShopProcess launch(ShopRole role, int port, String redisUrl, Path dataDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--shop.role=" + role.id(), "--server.port=" + port));
        args.addAll(List.of(extraArgs));
        return launch(role.id(), Map.of(role, port), redisUrl, dataDir, args);
    }

    /**
     * Launches the three roles in one process (role {@code all}) with {@code --server.port=basePort},
     * without waiting: order is expected on {@code basePort}, payment on the next, inventory on the one after.
     */
    static ShopProcess launchAll(int basePort, String redisUrl, Path dataDir, String... extraArgs) {
        Map<ShopRole, Integer> ports = new EnumMap<>(ShopRole.class);
        for (ShopRole role : ShopRole.values()) {
            ports.put(role, basePort + role.ordinal());
        }
        List<String> args = new ArrayList<>(List.of("--server.port=" + basePort));
        args.addAll(List.of(extraArgs));
        return launch("all", ports, redisUrl, dataDir, args);
    }

    private static ShopProcess launch(String name, Map<ShopRole, Integer> ports, String redisUrl, Path dataDir,
            List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), ShopApplication.class.getName(),
                "--spring.data.redis.url=" + redisUrl, "--shop.data-dir=" + dataDir, "--netx.orphan-timeout=3s",
                "--logging.level.root=warn"));
        command.addAll(args);
        try {
            ShopProcess shop = new ShopProcess(name, command, Files.createTempFile("shop-" + name, ".log"), ports);
            shop.launch();
            return shop;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() throws IOException {
        logStart = Files.size(log);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits until every role of the process answers UP on its health endpoint; throws if the process dies first. */
    void awaitUp() {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> !process.isAlive() || isUp());
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " died at start:\n" + output());
        }
    }

    /** Waits until the process logs that it is ready; throws if it dies first. */
    void awaitReady() {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> !process.isAlive() || outputSinceLaunch().contains(READY));
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " died at start:\n" + output());
        }
    }

    /** The exit status, once the process has exited within {@code timeout}; throws if it is still running then. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether every role of the process answers UP on its health endpoint. */
    boolean isUp() {
        return ports.keySet().stream().allMatch(this::isUp);
    }

    private boolean isUp(ShopRole role) {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(url(role, "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A URL of the process's only role. */
    URI url(String path) {
        if (ports.size() != 1) {
            throw new IllegalStateException(name + " runs several roles: name one");
        }
        return url(ports.keySet().iterator().next(), path);
    }

    /** A URL of one of the process's roles. */
    URI url(ShopRole role, String path) {
        Integer port = ports.get(role);
        if (port == null) {
            throw new IllegalArgumentException(name + " does not run " + role);
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the process again on the same ports and data, and waits until it is UP. */
    void restart() throws IOException {
        launch();
        awaitUp();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private String outputSinceLaunch() throws IOException {
        byte[] output = Files.readAllBytes(log);
        int from = (int) Math.min(logStart, output.length);
        return new String(output, from, output.length - from, StandardCharsets.UTF_8);
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
