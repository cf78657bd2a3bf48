package dev.netx.faults;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisSentinelSetup;
import dev.netx.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A primary and a replica, both with {@code appendonly yes} and {@code appendfsync everysec}, and
 * three Sentinels (netx-test's {@link RedisSentinelSetup}): the shop of {@code sentinel-failover}.
 * The master is whichever of the two data nodes the Sentinels name now; after a failover the other
 * one is the replica. Thread-safe; every method blocks.
 */
final class SentinelRedis implements ShopRedis {

    private static final Logger log = LoggerFactory.getLogger(SentinelRedis.class);
    private static final Duration HEAL_BOUND = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Outside the {@code netx:} prefix, so that the checker never counts it. */
    private static final String WRITE_PROBE_KEY = "faults:write-probe";

    private final RedisSentinelSetup setup;
    private final int replicaAcks;
    private final RedisClient client = RedisClient.create();

    private SentinelRedis(RedisSentinelSetup setup, int replicaAcks) {
        this.setup = setup;
        this.replicaAcks = replicaAcks;
    }

    /** Starts it; the shop's processes get {@code netx.replica-acks=replicaAcks}. */
    static SentinelRedis start(RedisLauncher launcher, int replicaAcks) {
        SentinelRedis redis = new SentinelRedis(launcher.sentinel(), replicaAcks);
        redis.persist(redis.setup.master());
        redis.persist(redis.setup.replica());
        return redis;
    }

    @Override
    public List<String> shopArguments() {
        return List.of("--spring.data.redis.sentinel.master=" + setup.masterName(),
                "--spring.data.redis.sentinel.nodes=" + setup.sentinels().stream()
                        .map(sentinel -> sentinel.host() + ":" + sentinel.port()).collect(Collectors.joining(",")),
                "--netx.replica-acks=" + replicaAcks);
    }

    @Override
    public RedisServer master() {
        int port = setup.currentMasterPort();
        return dataNodes().stream().filter(node -> node.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("the Sentinels name a master on port " + port));
    }

    /** The data node that is not {@code node}. */
    RedisServer other(RedisServer node) {
        return node == setup.master() ? setup.replica() : setup.master();
    }

    /** The Sentinels, in a fixed order. */
    List<RedisServer> sentinels() {
        return setup.sentinels();
    }

    /** Asks one Sentinel for a graceful failover ({@code SENTINEL FAILOVER <master>}). */
    void failover(RedisServer sentinel) {
        sentinel(sentinel, commands -> commands.failover(setup.masterName()));
    }

    /**
     * Whether every Sentinel names {@code node} as the master, and {@code node} takes a write (a SET
     * of a key outside the netx prefix, with a TTL); false while it answers READONLY or not at all.
     */
    boolean takesWrites(RedisServer node) {
        for (RedisServer sentinel : setup.sentinels()) {
            InetSocketAddress named = sentinel(sentinel, s -> (InetSocketAddress) s.getMasterAddrByName(setup.masterName()));
            if (named == null || named.getPort() != node.port()) {
                return false;
            }
        }
        return "OK".equals(on(node, redis -> redis.set(WRITE_PROBE_KEY, "1", SetArgs.Builder.ex(60))));
    }

    /** Whether {@code node} is a replica now (it may not be in sync yet). */
    boolean isReplica(RedisServer node) {
        return on(node, redis -> redis.info("replication")).contains("role:slave");
    }

    /** Whether {@code replica} replicates {@code master} with its link up. */
    boolean replicates(RedisServer replica, RedisServer master) {
        String info = on(replica, redis -> redis.info("replication"));
        return info.contains("role:slave") && info.contains("master_port:" + master.port())
                && info.contains("master_link_status:up");
    }

    /** Turns the AOF on with {@code appendfsync everysec} (a restart comes up without it, and empty). */
    void persist(RedisServer node) {
        on(node, redis -> {
            redis.configSet("appendfsync", "everysec");
            return redis.configSet("appendonly", "yes");
        });
    }

    @Override
    public void heal() {
        for (RedisServer server : setup.sentinels()) {
            if (!server.isAlive()) {
                server.restart();
            }
        }
        for (RedisServer node : dataNodes()) {
            if (!node.isAlive()) {
                node.restart();
            } else {
                node.resume();
            }
        }
        if (Waits.until(HEAL_BOUND, this::healthy).isEmpty()) {
            log.warn("Sentinel setup not healthy {} s after the heal", HEAL_BOUND.toSeconds());
        }
        dataNodes().forEach(this::persist);
    }

    private boolean healthy() {
        RedisServer master = master();
        return takesWrites(master) && replicates(other(master), master);
    }

    private List<RedisServer> dataNodes() {
        return List.of(setup.master(), setup.replica());
    }

    private <T> T on(RedisServer node, Function<RedisCommands<String, String>, T> function) {
        try (StatefulRedisConnection<String, String> connection = client.connect(
                RedisURI.Builder.redis(node.host(), node.port()).withTimeout(TIMEOUT).build())) {
            return function.apply(connection.sync());
        }
    }

    private <T> T sentinel(RedisServer sentinel, Function<RedisSentinelCommands<String, String>, T> function) {
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(
                RedisURI.Builder.redis(sentinel.host(), sentinel.port()).withTimeout(TIMEOUT).build())) {
            return function.apply(connection.sync());
        }
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        setup.close();
    }
}
