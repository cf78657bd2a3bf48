package dev.netx.faults;

import dev.netx.test.RedisCluster;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Cluster of three masters, each with one replica (netx-test's {@link RedisCluster}, no
 * persistence: a replica holds the copy): the shop of {@code cluster-failover}. The shop's processes
 * get every node as {@code spring.data.redis.cluster.nodes}. A failover swaps the two nodes of a
 * pair (a master and its replica); the slots of a pair never move to another pair. Thread-safe;
 * every method blocks.
 */
final class ClusterRedis implements ShopRedis {

    private static final Logger log = LoggerFactory.getLogger(ClusterRedis.class);
    private static final Duration HEAL_BOUND = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RedisCluster cluster;
    private final RedisClient client = RedisClient.create();

    private ClusterRedis(RedisCluster cluster) {
        this.cluster = cluster;
    }

    static ClusterRedis start(RedisLauncher launcher) {
        return new ClusterRedis(launcher.cluster(3, 1));
    }

    @Override
    public List<String> shopArguments() {
        return List.of("--spring.data.redis.cluster.nodes=" + cluster.allNodes().stream()
                .map(node -> node.host() + ":" + node.port()).collect(Collectors.joining(",")));
    }

    /** Always throws: a Cluster has several masters. */
    @Override
    public RedisServer master() {
        throw new UnsupportedOperationException("a Redis Cluster has several masters: see masterUris()");
    }

    @Override
    public List<RedisURI> masterUris() {
        return cluster.masters().stream().map(ShopRedis::uri).toList();
    }

    /** How many pairs (masters with their replica) there are. */
    int pairs() {
        return cluster.nodes().size();
    }

    /** The node of the pair that serves its slots now, as the first node that answers tells. */
    RedisServer masterOf(int pair) {
        List<RedisServer> masters = cluster.masters();
        return pair(pair).stream().filter(masters::contains).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of pair " + pair + " serves its slots"));
    }

    /** The node of the pair that is not {@code node}. */
    RedisServer other(int pair, RedisServer node) {
        return pair(pair).stream().filter(n -> n != node).findFirst().orElseThrow();
    }

    private List<RedisServer> pair(int pair) {
        return List.of(cluster.nodes().get(pair), cluster.replicas().get(pair));
    }

    /** Sends {@code CLUSTER FAILOVER} (graceful: the master stops its clients until the replica caught up) to a replica. */
    void failover(RedisServer replica) {
        on(replica, redis -> redis.clusterFailover(false));
    }

    /**
     * Whether the cluster names {@code node} master of its pair's slots and {@code node} takes a write
     * to them (a SET of a key outside the netx prefix, in the pair's first slot, with a TTL); false
     * while it answers MOVED, CLUSTERDOWN or not at all.
     */
    boolean takesWrites(int pair, RedisServer node) {
        // a replica would answer MOVED, counted with the shop's: ask it its role first
        return !isReplica(node) && cluster.masters().contains(node)
                && "OK".equals(on(node, redis -> redis.set(probeKey(pair), "1", SetArgs.Builder.ex(60))));
    }

    /** A key outside the netx prefix in the slots of the pair. */
    private String probeKey(int pair) {
        RedisServer owner = cluster.nodes().get(pair);
        return IntStream.iterate(0, i -> i + 1).mapToObj(i -> "faults:write-probe:" + i)
                .filter(key -> cluster.nodeForSlot(SlotHash.getSlot(key)) == owner).findFirst().orElseThrow();
    }

    /** Whether {@code node} is a replica now (it may not be in sync yet). */
    boolean isReplica(RedisServer node) {
        return on(node, redis -> redis.info("replication")).contains("role:slave");
    }

    /** Whether {@code replica} replicates {@code master} with its link up, and the cluster knows it so. */
    boolean replicates(RedisServer replica, RedisServer master) {
        String info = on(replica, redis -> redis.info("replication"));
        return info.contains("role:slave") && info.contains("master_port:" + master.port())
                && info.contains("master_link_status:up") && cluster.replicasOf(master).contains(replica);
    }

    /** Clears every running node's statistics ({@code CONFIG RESETSTAT}), so that its error counts start at 0. */
    void resetStats() {
        cluster.allNodes().stream().filter(RedisServer::isAlive).forEach(node -> on(node, RedisCommands::configResetstat));
    }

    /**
     * The error replies that the given nodes sent since their statistics were reset or they started,
     * by error code ({@code MOVED}, {@code CROSSSLOT}, ...; {@code INFO errorstats}), summed.
     */
    Map<String, Long> errors(List<RedisServer> nodes) {
        Map<String, Long> errors = new HashMap<>();
        for (RedisServer node : nodes) {
            on(node, redis -> redis.info("errorstats")).lines().filter(line -> line.startsWith("errorstat_"))
                    .forEach(line -> errors.merge(line.substring("errorstat_".length(), line.indexOf(':')),
                            Long.parseLong(line.substring(line.indexOf("count=") + 6).split(",")[0].trim()), Long::sum));
        }
        return errors;
    }

    /** Every node, started as master or as replica. */
    List<RedisServer> nodes() {
        return cluster.allNodes();
    }

    @Override
    public void heal() {
        for (RedisServer node : cluster.allNodes()) {
            if (!node.isAlive()) {
                node.restart();
            } else {
                node.resume();
            }
        }
        if (Waits.until(HEAL_BOUND, cluster::isHealthy).isEmpty()) {
            log.warn("Redis Cluster not healthy {} s after the heal", HEAL_BOUND.toSeconds());
        }
    }

    private <T> T on(RedisServer node, Function<RedisCommands<String, String>, T> function) {
        try (StatefulRedisConnection<String, String> connection = client.connect(
                RedisURI.Builder.redis(node.host(), node.port()).withTimeout(TIMEOUT).build())) {
            return function.apply(connection.sync());
        }
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        cluster.close();
    }
}
