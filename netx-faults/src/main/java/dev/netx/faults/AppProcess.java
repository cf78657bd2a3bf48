package dev.netx.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slot of a shop role (say {@code payment-2}): a child JVM on a fixed port that the suite kills,
 * freezes, stops and starts again, under the same or a new Netx node name. Thread-safe.
 */
final class AppProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppProcess.class);
    private static final Duration START_BOUND = Duration.ofSeconds(150);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String role;
    private final String slot;
    private final int port;
    private final Function<String, List<String>> command;
    private final Path output;
    private Process process;
    private List<String> extraArguments = List.of();
    private String nodeName;
    private int generation;
    private boolean frozen;

    /** A slot; {@code command} gives the command line for a node name. Starts nothing. */
    AppProcess(String role, int index, int port, Function<String, List<String>> command, Path logDir) {
        this.role = role;
        this.slot = role + "-" + index;
        this.port = port;
        this.command = command;
        this.output = logDir.resolve(slot + ".log");
        this.nodeName = slot;
    }

    String role() {
        return role;
    }

    /** The slot's name, {@code <role>-<index>}, which stays across restarts. */
    String slot() {
        return slot;
    }

    synchronized String nodeName() {
        return nodeName;
    }

    /** The process's output, all incarnations appended. */
    Path log() {
        return output;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * Arguments added to the command line from the next start on (a fault-injection hook, say); one
     * that names a property of the base command line ({@code --name=}) replaces it.
     */
    synchronized void arguments(List<String> extra) {
        extraArguments = List.copyOf(extra);
    }

    /** Starts the process under its current node name and waits until it reports UP. Blocks. */
    synchronized void start() {
        launch(nodeName);
    }

    /** Starts the process under a new node name ({@code <slot>-g<n>}) and waits until UP. Blocks. */
    synchronized void startRenamed() {
        generation++;
        launch(slot + "-g" + generation);
    }

    /** SIGKILL; waits until it is gone. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(15));
            frozen = false;
        }
    }

    /** SIGTERM (the shop shuts down gracefully); SIGKILL after 40 s. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            if (frozen) {
                thaw();
            }
            process.destroy();
            if (!awaitExit(Duration.ofSeconds(40))) {
                log.warn("{} did not stop within 40 s: killing it", slot);
                kill();
            }
        }
    }

    /** SIGSTOP. */
    synchronized void freeze() {
        Signals.stop(process.pid());
        frozen = true;
    }

    /** SIGCONT. */
    synchronized void thaw() {
        Signals.resume(process.pid());
        frozen = false;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized boolean isFrozen() {
        return frozen;
    }

    /** Whether /actuator/health answers UP within 2 s. Blocks. */
    boolean isUp() {
        return health().filter(body -> body.contains("\"UP\"")).isPresent();
    }

    /** The body of /actuator/health if it answers 200 within 2 s, else empty. Blocks. */
    Optional<String> health() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(url("/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 ? Optional.of(health.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }

    @Override
    public String toString() {
        return slot + " (" + nodeName + ", port " + port + ")";
    }

    private void launch(String name) {
        if (isAlive()) {
            throw new IllegalStateException(slot + " is running");
        }
        nodeName = name;
        try {
            Files.writeString(output, "=== start as " + name + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            List<String> line = new java.util.ArrayList<>(command.apply(name));
            // Spring joins a property given twice into a list ('5000ms,150ms'): an extra one replaces the base one
            line.removeIf(base -> extraArguments.stream().anyMatch(extra -> base.startsWith("--") && base.contains("=")
                    && extra.startsWith(base.substring(0, base.indexOf('=') + 1))));
            line.addAll(extraArguments);
            process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process started = process;
        Waits.until(START_BOUND, () -> !started.isAlive() || isUp());
        if (!started.isAlive() || !isUp()) {
            started.destroyForcibly();
            throw new IllegalStateException(slot + " did not come up as " + name + "; see " + output);
        }
        log.info("{} up as {} (pid {})", slot, name, started.pid());
    }

    private boolean awaitExit(Duration bound) {
        try {
            return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
