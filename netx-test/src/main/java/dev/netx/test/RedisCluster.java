package dev.netx.test;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Cluster on {@code 127.0.0.1}, slots spread evenly in order over its masters (the first
 * master has the lowest slots), optionally with replicas of every master, built without
 * {@code redis-cli}. Obtained from a {@link RedisLauncher}. A replica may take over its master's
 * slots ({@code CLUSTER FAILOVER}, or the master's death): {@link #masters()} and
 * {@link #replicasOf(RedisServer)} tell who serves what now. Thread-safe.
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
    private final List<RedisServer> replicas;
    private final AdminClient admin;

    private RedisCluster(List<RedisServer> nodes, List<RedisServer> replicas, AdminClient admin) {
        this.nodes = List.copyOf(nodes);
        this.replicas = List.copyOf(replicas);
        this.admin = admin;
    }

    /**
     * Starts the nodes, assigns the slots, introduces the nodes, makes {@code replicasPerMaster}
     * replicas of each master and waits until every node sees a healthy cluster.
     */
    static RedisCluster start(RedisBinary binary, RunDirectory run, int masters, int replicasPerMaster) {
        if (masters < 1 || masters > SLOTS) {
            throw new IllegalArgumentException("masters must be between 1 and " + SLOTS + ": " + masters);
        }
        if (replicasPerMaster < 0) {
            throw new IllegalArgumentException("replicasPerMaster must not be negative: " + replicasPerMaster);
        }
        List<RedisServer> primaries = new ArrayList<>();
        List<RedisServer> replicas = new ArrayList<>();
        AdminClient admin = new AdminClient();
        try {
            for (int i = 0; i < masters; i++) {
                primaries.add(startNode(binary, run));
            }
            for (int i = 0; i < masters * replicasPerMaster; i++) {
                replicas.add(startNode(binary, run));
            }
            RedisCluster cluster = new RedisCluster(primaries, replicas, admin);
            cluster.form(replicasPerMaster);
            log.info("Started a Redis Cluster of {} masters on ports {}, replicas on ports {}", masters,
                    primaries.stream().map(RedisServer::port).toList(), replicas.stream().map(RedisServer::port).toList());
            return cluster;
        } catch (RuntimeException e) {
            Stream.concat(primaries.stream(), replicas.stream()).forEach(RedisServer::close);
            admin.close();
            throw e;
        }
    }

    private static RedisServer startNode(RedisBinary binary, RunDirectory run) {
        return RedisServer.start(new ServerCommand(binary, run.create("cluster-node"), List.of(), List.of(
                "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()),
                // a replica may take over however long its link was down, and syncs without delay
                "--cluster-replica-validity-factor", "0",
                "--repl-diskless-sync-delay", "0",
                "--appendonly", "no")), FreePorts::forClusterNode);
    }

    private void form(int replicasPerMaster) {
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
        for (RedisServer node : allNodes().subList(1, allNodes().size())) {
            admin.call(first, redis -> redis.clusterMeet(RedisServer.HOST, node.port()));
        }
        for (int i = 0; i < replicas.size(); i++) {
            RedisServer replica = replicas.get(i);
            String masterId = admin.call(nodes.get(i / replicasPerMaster).port(), redis -> redis.clusterMyId());
            // the replica must have heard of its master first: until then REPLICATE fails with "Unknown node"
            AdminClient.await("node " + replica.port() + " replicates " + masterId, FORM_TIMEOUT,
                    () -> "OK".equals(admin.call(replica.port(), redis -> redis.clusterReplicate(masterId))));
        }
        String healthy = "every node reports cluster_state:ok with " + nodes.size() + " masters covering " + SLOTS
                + " slots and " + replicas.size() + " replicas in sync";
        AdminClient.await(healthy, FORM_TIMEOUT, this::isHealthy);
    }

    /**
     * Whether every node runs and reports {@code cluster_state:ok}, knows every node, sees as many
     * masters with slots and as many replicas as the cluster started with, and every replica's link
     * to its master is up. Blocks briefly; false while a node does not answer.
     */
    public boolean isHealthy() {
        try {
            return allNodes().stream().allMatch(node -> admin.call(node.port(), redis -> {
                String info = redis.clusterInfo();
                String replication = redis.info("replication");
                ClusterNodesView view = ClusterNodesView.parse(redis.clusterNodes());
                return info.contains("cluster_state:ok") && info.contains("cluster_slots_assigned:" + SLOTS)
                        && info.contains("cluster_known_nodes:" + allNodes().size() + "\r")
                        && info.contains("cluster_size:" + nodes.size() + "\r")
                        && (!replication.contains("role:slave") || replication.contains("master_link_status:up"))
                        && view.masters().size() == nodes.size() && view.replicas().size() == replicas.size();
            }));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private int firstSlot(int node) {
        return (int) ((long) node * SLOTS / nodes.size());
    }

    /** The nodes the cluster started as masters, in slot order (a failover does not change this list). */
    public List<RedisServer> nodes() {
        return nodes;
    }

    /**
     * The nodes the cluster started as replicas: those of the first master first (a failover does not
     * change this list). Empty for a cluster of masters only.
     */
    public List<RedisServer> replicas() {
        return replicas;
    }

    /** Every node: {@link #nodes()} then {@link #replicas()}. */
    public List<RedisServer> allNodes() {
        return Stream.concat(nodes.stream(), replicas.stream()).toList();
    }

    /**
     * The masters that serve slots now, lowest slots first, as the first node that answers tells
     * ({@code CLUSTER NODES}; masters it flags failing are left out). Blocks.
     *
     * @throws IllegalStateException if no node answers
     */
    public List<RedisServer> masters() {
        return view().masters().stream().map(entry -> byPort(entry.port())).toList();
    }

    /** The nodes that replicate {@code master} now, as the first node that answers tells. Blocks. */
    public List<RedisServer> replicasOf(RedisServer master) {
        return view().replicasOf(master.port()).stream().map(entry -> byPort(entry.port())).toList();
    }

    private ClusterNodesView view() {
        IllegalStateException failure = new IllegalStateException("No node of the cluster answered CLUSTER NODES");
        for (RedisServer node : allNodes()) {
            if (!node.isAlive()) {
                continue;
            }
            try {
                return ClusterNodesView.parse(admin.call(node.port(), redis -> redis.clusterNodes()));
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }

    private RedisServer byPort(int port) {
        return allNodes().stream().filter(node -> node.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("No node of this cluster on port " + port));
    }

    /** New Lettuce URIs of every node ({@link #allNodes()}), for a {@code RedisClusterClient}'s seeds. */
    public List<RedisURI> redisUris() {
        return allNodes().stream().map(RedisServer::redisUri).toList();
    }

    /**
     * The node that was given the slot when the cluster formed (a test that moves slots, or fails a
     * master over, changes that: see {@link #masters()}).
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
        Closeables.closeInReverse(Stream.concat(Stream.<AutoCloseable>of(admin), allNodes().stream()).toList());
    }
}
