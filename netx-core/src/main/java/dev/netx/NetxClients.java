package dev.netx;

import dev.netx.internal.redis.SentinelRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.List;

/**
 * Lettuce clients with the options Netx relies on: every command times out, commands are rejected
 * rather than queued while disconnected, and a cluster client follows topology changes. The caller
 * owns the client and shuts it down.
 */
public final class NetxClients {

    /** Default command timeout of the clients made here. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private NetxClients() {
    }

    /**
     * A client for a standalone Redis, or for Sentinel when the URI names sentinels. Over Sentinel, a
     * node's connections move to a new master as soon as the Sentinels announce it, not only when
     * the old master drops them (a {@code RedisClient} made elsewhere gets only the latter).
     */
    public static RedisClient standalone(RedisURI uri) {
        RedisClient client = uri.getSentinels().isEmpty() ? RedisClient.create(uri) : new SentinelRedisClient(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout(uri)))
                .build());
        return client;
    }

    /** A client for a Redis Cluster reached through the given seed nodes. */
    public static RedisClusterClient cluster(List<RedisURI> seeds) {
        RedisClusterClient client = RedisClusterClient.create(seeds);
        client.setOptions(ClusterClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout(seeds.get(0))))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .enableAdaptiveRefreshTrigger(RefreshTrigger.MOVED_REDIRECT, RefreshTrigger.ASK_REDIRECT,
                                RefreshTrigger.PERSISTENT_RECONNECTS, RefreshTrigger.UNCOVERED_SLOT,
                                RefreshTrigger.UNKNOWN_NODE)
                        .build())
                .build());
        return client;
    }

    private static Duration commandTimeout(RedisURI uri) {
        Duration timeout = uri.getTimeout();
        return timeout == null || timeout.equals(RedisURI.DEFAULT_TIMEOUT_DURATION) ? DEFAULT_COMMAND_TIMEOUT : timeout;
    }
}
