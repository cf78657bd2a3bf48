package dev.netx.faults;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;

/**
 * The Redis the shop runs against, seen from the suite: how the shop's processes reach it, which
 * server is its master now, and how to heal it between scenarios.
 */
sealed interface ShopRedis extends AutoCloseable permits StandaloneRedis, SentinelRedis, ClusterRedis {

    /** How the shop's Redis is laid out; a scenario runs on the shop of its topology. */
    enum Topology {
        /** One redis-server with {@code appendfsync always}. */
        STANDALONE,
        /** A master, a replica and three Sentinels. */
        SENTINEL,
        /** The same, the shop's writes answered once the replica has them ({@code netx.replica-acks=1}). */
        SENTINEL_REPLICA_ACKS,
        /** A Redis Cluster of three masters, each with a replica. */
        CLUSTER
    }

    /** Starts the shop's Redis of that topology. Blocks until it is ready. */
    static ShopRedis start(Topology topology, RedisLauncher launcher) {
        return switch (topology) {
            case STANDALONE -> StandaloneRedis.start(launcher);
            case SENTINEL -> SentinelRedis.start(launcher, 0);
            case SENTINEL_REPLICA_ACKS -> SentinelRedis.start(launcher, 1);
            case CLUSTER -> ClusterRedis.start(launcher);
        };
    }

    /** The shop processes' {@code spring.data.redis.*} arguments. */
    List<String> shopArguments();

    /**
     * The server that is master now (for Sentinel, as the Sentinels name it). May block.
     *
     * @throws UnsupportedOperationException on a Cluster, which has several: see {@link #masterUris()}
     */
    RedisServer master();

    /** URIs of every master now (one but on a Cluster), for the suite's probe; may block. */
    default List<RedisURI> masterUris() {
        return List.of(uri(master()));
    }

    /** A URI of the server with the probe's timeout. */
    static RedisURI uri(RedisServer server) {
        return RedisURI.Builder.redis(server.host(), server.port()).withTimeout(Duration.ofSeconds(5)).build();
    }

    /** Continues what is frozen and starts what is dead, and waits until Redis takes writes. Blocks. */
    void heal();

    @Override
    void close();
}
