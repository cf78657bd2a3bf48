package dev.netx.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Starts one {@code redis-server} process and waits until it answers {@code PING}. */
final class ServerStarter {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final int LOG_TAIL_LINES = 20;

    private ServerStarter() {
    }

    /** The port a server was to listen on was taken meanwhile. */
    static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    /**
     * Starts the command on the port, with output appended to its log file, writes the pid file at once
     * (so that a later JVM can reap the process should ours die now) and blocks until the server answers.
     *
     * @throws PortTakenException    if the port was taken, after killing the process
     * @throws IllegalStateException if the server exits or does not answer in time, after killing the
     *                               process; the message holds the end of its log
     */
    static Process start(ServerCommand command, int port) {
        Path logFile = command.logFile();
        long logOffset = size(logFile);
        Process process;
        try {
            process = new ProcessBuilder(command.forPort(port))
                    .directory(command.dataDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            Files.writeString(command.dataDir().resolve(RunDirectory.PID_FILE), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.forPort(port), e);
        }
        String failure = awaitPong(process, port);
        if (failure == null) {
            return process;
        }
        process.destroyForcibly();
        try {
            process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String logTail = tail(logFile, logOffset);
        String message = "redis-server on port " + port + " " + failure + "; command " + command.forPort(port)
                + "; end of " + logFile + ":\n" + logTail;
        throw logTail.contains("Address already in use") ? new PortTakenException(message) : new IllegalStateException(message);
    }

    /** Returns why the process did not answer PING, or {@code null} once it does. */
    private static String awaitPong(Process process, int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                return "exited with code " + process.exitValue();
            }
            if (Ping.pong(RedisServer.HOST, port)) {
                return null;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "was interrupted while starting";
            }
        }
        return "did not answer PING within " + START_TIMEOUT;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last lines written to the file since the offset. */
    private static String tail(Path file, long offset) {
        try {
            byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            int from = (int) Math.min(offset, bytes.length);
            String[] lines = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).split("\n");
            return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - LOG_TAIL_LINES), lines.length));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
