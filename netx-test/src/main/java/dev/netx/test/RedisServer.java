package dev.netx.test;

import io.lettuce.core.RedisURI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code redis-server} process on {@code 127.0.0.1}, with its own port and data directory (which
 * also holds its log, {@code redis.log}), that a test can kill, pause and restart.
 * Obtained from a {@link RedisLauncher}. Thread-safe; every method that changes the process blocks
 * until the change is done.
 */
public final class RedisServer implements AutoCloseable {

    /** The address every server binds to. */
    static final String HOST = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(RedisServer.class);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 5;

    private final ServerCommand command;
    private volatile int port;
    private volatile Process process;
    private boolean paused;
    private boolean closed;

    private RedisServer(ServerCommand command) {
        this.command = command;
    }

    /** Starts a server on a port from the supplier, trying other ports while the chosen one turns out taken. */
    static RedisServer start(ServerCommand command, IntSupplier ports) {
        RedisServer server = new RedisServer(command);
        try {
            server.launch(ports, START_ATTEMPTS);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Always {@code "127.0.0.1"}. */
    public String host() {
        return HOST;
    }

    /** The port, the same across restarts. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://" + HOST + ":" + port;
    }

    /** A new Lettuce URI of this server, with Lettuce's default timeout. */
    public RedisURI redisUri() {
        return RedisURI.Builder.redis(HOST, port).build();
    }

    /** The server's working directory, deleted by {@link #close()}. */
    public Path dataDir() {
        return command.dataDir();
    }

    /** The pid of the current (or last) process. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process runs (a paused process does). */
    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** Stops the server with {@code SIGTERM} and waits until it exits; does nothing if it is not running. */
    public synchronized void stop() {
        if (!isAlive()) {
            return;
        }
        if (paused) {
            resume(); // a stopped process would only act on SIGTERM once continued
        }
        log.debug("Stopping {}", this);
        process.destroy();
        awaitExit();
    }

    /** Kills the server with {@code SIGKILL} and waits until it exits; does nothing if it is not running. */
    public synchronized void kill() {
        if (!isAlive()) {
            return;
        }
        log.debug("Killing {}", this);
        process.destroyForcibly();
        awaitExit();
        paused = false;
    }

    /** Freezes the running server with {@code SIGSTOP}: it holds connections but answers nothing until {@link #resume()}. */
    public synchronized void pause() {
        requireAlive();
        log.debug("Pausing {}", this);
        Processes.stop(process.pid());
        paused = true;
    }

    /** Continues a server frozen by {@link #pause()} with {@code SIGCONT}. */
    public synchronized void resume() {
        requireAlive();
        log.debug("Resuming {}", this);
        Processes.resume(process.pid());
        paused = false;
    }

    /**
     * Starts the server again on the same port, with the same directory and configuration, and waits
     * until it answers {@code PING} (so has loaded its data). A running server is {@linkplain #stop() stopped} first.
     *
     * @throws IllegalStateException if closed, or if the server does not come up (the message has its log's tail)
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("Closed: " + this);
        }
        stop();
        int samePort = port;
        launch(() -> samePort, 1);
    }

    /** Kills the server if it runs and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        RunDirectory.deleteRecursively(command.dataDir());
    }

    @Override
    public String toString() {
        Process current = process;
        return "redis-server " + HOST + ":" + port + (current == null ? "" : " (pid " + current.pid() + ")");
    }

    private void launch(IntSupplier ports, int attempts) {
        for (int attempt = 1; ; attempt++) {
            int candidate = ports.getAsInt();
            try {
                process = ServerStarter.start(command, candidate);
            } catch (ServerStarter.PortTakenException e) {
                if (attempt == attempts) {
                    throw e;
                }
                log.debug("Port {} was taken, trying another one", candidate);
                continue;
            }
            port = candidate;
            paused = false;
            log.info("Started redis-server {} on {}:{} (pid {}, dir {})",
                    command.binary().version(), HOST, candidate, process.pid(), command.dataDir());
            return;
        }
    }

    private void awaitExit() {
        if (!waitFor(process)) {
            log.warn("{} did not exit within {}; killing it", this, EXIT_TIMEOUT);
            process.destroyForcibly();
            waitFor(process);
        }
    }

    private static boolean waitFor(Process target) {
        try {
            return target.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void requireAlive() {
        if (!isAlive()) {
            throw new IllegalStateException("Not running: " + this);
        }
    }
}
