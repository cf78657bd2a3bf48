package dev.netx.test;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master, one replica and three Sentinels (quorum 2) monitoring them on {@code 127.0.0.1}, tuned
 * for quick failovers: a master unreachable for 1 s is down, a failover times out after 5 s.
 * Obtained from a {@link RedisLauncher}; ready when every Sentinel knows the master, the replica
 * and the two other Sentinels.
 */
public final class RedisSentinelSetup implements AutoCloseable {

    /** The master name used by {@link RedisLauncher#sentinel()}. */
    public static final String DEFAULT_MASTER_NAME = "netx";

    private static final Logger log = LoggerFactory.getLogger(RedisSentinelSetup.class);
    private static final int SENTINELS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** Replicas are promoted in failovers: no diskless-sync delay on either. */
    private static final List<String> DATA_NODE_OPTIONS = List.of("--appendonly", "no", "--repl-diskless-sync-delay", "0");

    private final String masterName;
    private final RedisServer master;
    private final RedisServer replica;
    private final List<RedisServer> sentinels;
    private final AdminClient admin;

    private RedisSentinelSetup(String masterName, RedisServer master, RedisServer replica, List<RedisServer> sentinels, AdminClient admin) {
        this.masterName = masterName;
        this.master = master;
        this.replica = replica;
        this.sentinels = List.copyOf(sentinels);
        this.admin = admin;
    }

    /** Starts master, replica and Sentinels, and waits until they all know each other. */
    static RedisSentinelSetup start(RedisBinary binary, RunDirectory run, String masterName) {
        Objects.requireNonNull(masterName, "masterName");
        if (!masterName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("masterName must be letters, digits, '.', '_' or '-': " + masterName);
        }
        List<AutoCloseable> started = new ArrayList<>();
        AdminClient admin = new AdminClient();
        started.add(admin);
        try {
            RedisServer master = RedisServer.start(new ServerCommand(binary, run.create("sentinel-master"), List.of(), DATA_NODE_OPTIONS), FreePorts::any);
            started.add(master);
            List<String> replicaOptions = new ArrayList<>(DATA_NODE_OPTIONS);
            replicaOptions.addAll(List.of("--replicaof", RedisServer.HOST, Integer.toString(master.port())));
            RedisServer replica = RedisServer.start(new ServerCommand(binary, run.create("sentinel-replica"), List.of(), replicaOptions), FreePorts::any);
            started.add(replica);
            AdminClient.await("the replica is in sync with the master", READY_TIMEOUT,
                    () -> admin.call(replica.port(), redis -> redis.info("replication")).contains("master_link_status:up"));
            List<RedisServer> sentinels = new ArrayList<>();
            for (int i = 0; i < SENTINELS; i++) {
                RedisServer sentinel = startSentinel(binary, run, masterName, master.port());
                started.add(sentinel);
                sentinels.add(sentinel);
            }
            RedisSentinelSetup setup = new RedisSentinelSetup(masterName, master, replica, sentinels, admin);
            AdminClient.await("every Sentinel knows the master, its replica and the other Sentinels", READY_TIMEOUT, setup::isFormed);
            log.info("Started Sentinels on ports {} monitoring '{}': master on port {}, replica on port {}",
                    sentinels.stream().map(RedisServer::port).toList(), masterName, master.port(), replica.port());
            return setup;
        } catch (RuntimeException e) {
            Closeables.closeInReverse(started);
            throw e;
        }
    }

    private static RedisServer startSentinel(RedisBinary binary, RunDirectory run, String masterName, int masterPort) {
        Path dir = run.create("sentinel");
        Path config = dir.resolve("sentinel.conf");
        try {
            // Sentinel rewrites its config file, so each one needs a writable file of its own.
            Files.writeString(config, String.join("\n",
                    "sentinel monitor " + masterName + " " + RedisServer.HOST + " " + masterPort + " 2",
                    "sentinel down-after-milliseconds " + masterName + " 1000",
                    "sentinel failover-timeout " + masterName + " 5000",
                    "sentinel parallel-syncs " + masterName + " 1",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + config, e);
        }
        return RedisServer.start(new ServerCommand(binary, dir, List.of(config.toString(), "--sentinel"), List.of()), FreePorts::any);
    }

    private boolean isFormed() {
        return sentinels.stream().allMatch(sentinel -> admin.callSentinel(sentinel.port(), redis -> {
            Map<String, String> state = redis.master(masterName);
            return "master".equals(state.get("flags"))
                    && Integer.toString(master.port()).equals(state.get("port"))
                    && "1".equals(state.get("num-slaves"))
                    && Integer.toString(SENTINELS - 1).equals(state.get("num-other-sentinels"));
        }));
    }

    /** The master process the setup started with, which stays so even after a failover made it a replica. */
    public RedisServer master() {
        return master;
    }

    /** The replica process the setup started with. */
    public RedisServer replica() {
        return replica;
    }

    /** The three Sentinels. */
    public List<RedisServer> sentinels() {
        return sentinels;
    }

    /** The name under which the Sentinels monitor the master; default {@value #DEFAULT_MASTER_NAME}. */
    public String masterName() {
        return masterName;
    }

    /** A new Lettuce Sentinel URI listing the three Sentinels and the master name, with Lettuce's default timeout. */
    public RedisURI sentinelUri() {
        RedisURI.Builder builder = RedisURI.Builder.sentinel(RedisServer.HOST, sentinels.get(0).port(), masterName);
        sentinels.subList(1, sentinels.size()).forEach(sentinel -> builder.withSentinel(RedisServer.HOST, sentinel.port()));
        return builder.build();
    }

    /**
     * The port of the current master, as the first Sentinel that answers tells ({@code SENTINEL
     * get-master-addr-by-name}); blocks.
     *
     * @throws IllegalStateException if no Sentinel answers
     */
    public int currentMasterPort() {
        RuntimeException failure = new IllegalStateException("No Sentinel of '" + masterName + "' answered");
        for (RedisServer sentinel : sentinels) {
            if (!sentinel.isAlive()) {
                continue;
            }
            try {
                return ((InetSocketAddress) admin.callSentinel(sentinel.port(), redis -> redis.getMasterAddrByName(masterName))).getPort();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }

    /** Closes the Sentinels first, so that they start no failover, then the replica and the master. Idempotent. */
    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>();
        all.add(admin);
        all.add(master);
        all.add(replica);
        all.addAll(sentinels);
        Closeables.closeInReverse(all);
    }
}
