package dev.netx;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link NodeMain} in a child JVM that a test can kill -9, freeze and thaw. */
final class ChildNode implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String name;

    private ChildNode(Process process, Path log, String name) {
        this.process = process;
        this.log = log;
        this.name = name;
    }

    /** Starts a node and waits until it reads. */
    static ChildNode start(String redisUri, String namespace, String name, Duration orphanTimeout) {
        return start(redisUri, namespace, name, orphanTimeout, "payment");
    }

    /** Starts a node of a {@link NodeMain} role and waits until it reads. */
    static ChildNode start(String redisUri, String namespace, String name, Duration orphanTimeout, String... role) {
        try {
            Path log = Files.createTempFile("netx-node-" + name, ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(), redisUri, namespace, name,
                    Long.toString(orphanTimeout.toMillis())));
            command.addAll(List.of(role));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ChildNode node = new ChildNode(process, log, name);
            await().atMost(Duration.ofSeconds(60)).until(() -> node.output().contains("READY") || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " died at start:\n" + node.output());
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void pause() {
        signal("STOP");
    }

    void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " failed for " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            resume();
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
