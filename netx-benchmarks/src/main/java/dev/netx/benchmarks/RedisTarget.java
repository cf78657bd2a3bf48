package dev.netx.benchmarks;

import dev.netx.NetxClients;
import dev.netx.test.RedisCluster;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisURI;
import java.util.List;

/**
 * A Redis started for the benchmark by netx-test's launcher (never a Redis that was already
 * running): one standalone server or a 3-master Cluster, with the harness's own statistics
 * connections to each server.
 */
public final class RedisTarget implements AutoCloseable {

    private final Topology topology;
    private final AutoCloseable processes;
    private final List<RedisURI> servers;
    private final String version;
    private final RedisStats stats;

    private RedisTarget(Topology topology, AutoCloseable processes, List<RedisURI> servers, String version) {
        this.topology = topology;
        this.processes = processes;
        this.servers = servers;
        this.version = version;
        this.stats = new RedisStats(servers);
    }

    /** Starts the topology with the launcher's binary; blocks until Redis answers. */
    public static RedisTarget start(RedisLauncher launcher, Topology topology) {
        if (topology == Topology.CLUSTER) {
            RedisCluster cluster = launcher.cluster(3);
            return new RedisTarget(topology, cluster, cluster.redisUris(), launcher.binary().version());
        }
        RedisServer server = launcher.standalone();
        return new RedisTarget(topology, server, List.of(server.redisUri()), launcher.binary().version());
    }

    /** The topology. */
    public Topology topology() {
        return topology;
    }

    /** The redis-server version, such as {@code 7.0.15}. */
    public String version() {
        return version;
    }

    /** A new client made by {@link NetxClients}, as a Netx service would make it; the caller shuts it down. */
    public AbstractRedisClient newClient() {
        return topology == Topology.CLUSTER ? NetxClients.cluster(servers) : NetxClients.standalone(servers.get(0));
    }

    /** Statistics of every server (the masters of a cluster). */
    public RedisStats stats() {
        return stats;
    }

    /** Closes the statistics connections and stops the processes. */
    @Override
    public void close() {
        stats.close();
        try {
            processes.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop " + topology.label() + " Redis", e);
        }
    }
}
