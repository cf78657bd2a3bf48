package dev.netx.test;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Cluster of masters without replicas on {@code 127.0.0.1}, slots spread evenly in order
 * (the first node has the lowest slots), built without {@code redis-cli}. Obtained from a {@link RedisLauncher}.
 */
public final class RedisCluster implements AutoCloseable {

    /** The number of hash slots of a Redis Cluster. */
    public static final int SLOTS = 16_384;

    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);
    private static final Duration NODE_TIMEOUT = Duration.ofMillis(2_000);
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);
    /** Redis 6.2 has no CLUSTER ADDSLOTSRANGE: slots go in chunks of this many. */
    private static final int SLOTS_PER_COMMAND = 1_000;

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts the nodes, assigns the slots, introduces the nodes and waits until every node sees a healthy cluster. */
    static RedisCluster start(RedisBinary binary, RunDirectory run, int masters) {
        if (masters < 1 || masters > SLOTS) {
            throw new IllegalArgumentException("masters must be between 1 and " + SLOTS + ": " + masters);
        }
        List<RedisServer> nodes = new ArrayList<>();
        try (AdminClient admin = new AdminClient()) {
            for (int i = 0; i < masters; i++) {
                nodes.add(RedisServer.start(new ServerCommand(binary, run.create("cluster-node"), List.of(), List.of(
                        "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()),
                        "--appendonly", "no")), FreePorts::forClusterNode));
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.form(admin);
            log.info("Started a Redis Cluster of {} masters on ports {}", masters, nodes.stream().map(RedisServer::port).toList());
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    private void form(AdminClient admin) {
        for (int i = 0; i < nodes.size(); i++) {
            long epoch = i + 1L; // distinct epochs spare the nodes a collision round
            int[] slots = IntStream.range(firstSlot(i), firstSlot(i + 1)).toArray();
            admin.call(nodes.get(i).port(), redis -> {
                redis.clusterSetConfigEpoch(epoch);
                for (int from = 0; from < slots.length; from += SLOTS_PER_COMMAND) {
                    redis.clusterAddSlots(Arrays.copyOfRange(slots, from, Math.min(slots.length, from + SLOTS_PER_COMMAND)));
                }
                return null;
            });
        }
        int first = nodes.get(0).port();
        for (RedisServer node : nodes.subList(1, nodes.size())) {
            admin.call(first, redis -> redis.clusterMeet(RedisServer.HOST, node.port()));
        }
        String healthy = "every node reports cluster_state:ok with " + nodes.size() + " masters covering " + SLOTS + " slots";
        AdminClient.await(healthy, FORM_TIMEOUT, () -> nodes.stream().allMatch(node -> isHealthy(admin.call(node.port(), redis -> redis.clusterInfo()))));
    }

    private boolean isHealthy(String clusterInfo) {
        return clusterInfo.contains("cluster_state:ok")
                && clusterInfo.contains("cluster_slots_assigned:" + SLOTS)
                && clusterInfo.contains("cluster_known_nodes:" + nodes.size() + "\r")
                && clusterInfo.contains("cluster_size:" + nodes.size() + "\r");
    }

    private int firstSlot(int node) {
        return (int) ((long) node * SLOTS / nodes.size());
    }

    /** The nodes, in slot order. */
    public List<RedisServer> nodes() {
        return nodes;
    }

    /** New Lettuce URIs of the nodes, in slot order, for a {@code RedisClusterClient}. */
    public List<RedisURI> redisUris() {
        return nodes.stream().map(RedisServer::redisUri).toList();
    }

    /**
     * The node that was given the slot when the cluster formed (a test that moves slots changes that).
     *
     * @throws IllegalArgumentException if the slot is not between 0 and 16383
     */
    public RedisServer nodeForSlot(int slot) {
        if (slot < 0 || slot >= SLOTS) {
            throw new IllegalArgumentException("slot must be between 0 and " + (SLOTS - 1) + ": " + slot);
        }
        int node = 0;
        while (firstSlot(node + 1) <= slot) {
            node++;
        }
        return nodes.get(node);
    }

    /** Closes every node. Idempotent. */
    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
