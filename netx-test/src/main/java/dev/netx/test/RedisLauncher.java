package dev.netx.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Starts real {@code redis-server} processes for tests (a standalone server, a Cluster or a Sentinel
 * setup) and reaps them all: on {@link #close()}, and at JVM exit for whatever was not closed.
 *
 * <p>Each process gets a directory under {@code ${java.io.tmpdir}/netx-test-redis/<jvm pid>/}. A new
 * launcher first kills the {@code redis-server} processes left under directories of JVMs that are
 * gone (killed with {@code kill -9}, say) and deletes those directories.
 *
 * <p>Thread-safe. Every method that starts something blocks until it is ready.
 */
public final class RedisLauncher implements AutoCloseable {

    private final RedisBinary binary;
    private final RunDirectory run = RunDirectory.forThisJvm();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::release, "netx-redis-launcher-shutdown");
    private boolean closed;

    /** A launcher of the binary chosen for this JVM by {@link RedisBinary#resolve()}; reaps leftovers of dead JVMs. */
    public RedisLauncher() {
        this(RedisBinary.resolve());
    }

    /** A launcher of the given binary; reaps leftovers of dead JVMs. */
    public RedisLauncher(RedisBinary binary) {
        this.binary = Objects.requireNonNull(binary, "binary");
        StaleRunReaper.reap(RunDirectory.root());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The binary this launcher starts. */
    public RedisBinary binary() {
        return binary;
    }

    /** Starts a standalone server with {@link RedisServerOptions#defaults()}: no persistence. */
    public RedisServer standalone() {
        return standalone(RedisServerOptions.defaults());
    }

    /** Starts a standalone server with the given options. */
    public RedisServer standalone(RedisServerOptions options) {
        Objects.requireNonNull(options, "options");
        return track(run -> RedisServer.start(new ServerCommand(binary, run.create("standalone"), List.of(), options.arguments()), FreePorts::any));
    }

    /** Starts a Redis Cluster of three masters without replicas. */
    public RedisCluster cluster() {
        return cluster(3);
    }

    /** Starts a Redis Cluster of the given number of masters (at least one) without replicas. */
    public RedisCluster cluster(int masters) {
        return cluster(masters, 0);
    }

    /**
     * Starts a Redis Cluster of the given number of masters (at least one), each with
     * {@code replicasPerMaster} replicas (zero or more), and waits until every replica is in sync.
     */
    public RedisCluster cluster(int masters, int replicasPerMaster) {
        return track(run -> RedisCluster.start(binary, run, masters, replicasPerMaster));
    }

    /** Starts a master, a replica and three Sentinels monitoring them as {@value RedisSentinelSetup#DEFAULT_MASTER_NAME}. */
    public RedisSentinelSetup sentinel() {
        return sentinel(RedisSentinelSetup.DEFAULT_MASTER_NAME);
    }

    /** Starts a master, a replica and three Sentinels monitoring them under the given master name. */
    public RedisSentinelSetup sentinel(String masterName) {
        return track(run -> RedisSentinelSetup.start(binary, run, masterName));
    }

    /** Kills every process this launcher started and deletes their directories; blocks until done. Idempotent. */
    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and the hook is running or has run: nothing to remove.
        }
    }

    private <T extends AutoCloseable> T track(Function<RunDirectory, T> starter) {
        ensureOpen();
        T resource = starter.apply(run);
        synchronized (started) {
            if (!closed) {
                started.add(resource);
                return resource;
            }
        }
        Closeables.closeInReverse(List.of(resource));
        throw new IllegalStateException("The launcher was closed while starting " + resource);
    }

    private void ensureOpen() {
        synchronized (started) {
            if (closed) {
                throw new IllegalStateException("The launcher is closed");
            }
        }
    }

    private void release() {
        List<AutoCloseable> toClose;
        synchronized (started) {
            closed = true;
            toClose = List.copyOf(started);
            started.clear();
        }
        Closeables.closeInReverse(toClose);
        run.deleteIfEmpty();
    }
}
