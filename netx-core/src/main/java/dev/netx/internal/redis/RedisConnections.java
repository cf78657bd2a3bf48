package dev.netx.internal.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;

/**
 * The connections of one node over a standalone, Sentinel or Cluster client: one shared connection
 * for commands and scripts (Lettuce pipelines concurrent commands on it), and dedicated connections
 * for blocking reads, so that a blocked read never delays a command.
 */
public final class RedisConnections implements AutoCloseable {

    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> shared;
    private final RedisClusterAsyncCommands<String, String> commands;
    /** Over Sentinel: what moves this node's connections when the master switches. */
    private final MasterSwitchFollower follower;

    private RedisConnections(AbstractRedisClient client) {
        this.client = client;
        this.follower = client instanceof SentinelRedisClient sentinel ? new MasterSwitchFollower(sentinel)
                : null;
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, String> connection = cluster.connect(StringCodec.UTF8);
            this.shared = connection;
            this.commands = connection.async();
        } else {
            StatefulRedisConnection<String, String> connection = ((RedisClient) client).connect(StringCodec.UTF8);
            this.shared = connection;
            this.commands = connection.async();
        }
        if (follower != null) {
            follower.start();
        }
    }


    /** Opens the shared connection. Blocks until connected. */
    public static RedisConnections open(AbstractRedisClient client) {
        return new RedisConnections(client);
    }

    /** Whether this is a Redis Cluster. */
    public boolean isCluster() {
        return client instanceof RedisClusterClient;
    }

    /** The shared asynchronous commands. */
    public RedisClusterAsyncCommands<String, String> commands() {
        return commands;
    }

    /** The command timeout of the shared connection. */
    public Duration commandTimeout() {
        return shared.getTimeout();
    }

    /**
     * A new connection for blocking reads, whose commands time out after {@code timeout}. The caller
     * closes it.
     */
    public Dedicated dedicated(Duration timeout) {
        StatefulConnection<String, String> connection;
        RedisClusterCommands<String, String> sync;
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, String> c = cluster.connect(StringCodec.UTF8);
            connection = c;
            sync = c.sync();
        } else {
            StatefulRedisConnection<String, String> c = ((RedisClient) client).connect(StringCodec.UTF8);
            connection = c;
            sync = c.sync();
        }
        connection.setTimeout(timeout);
        return new Dedicated(connection, sync);
    }

    /** A new connection for commands, to a standalone or Sentinel master; the caller closes it. */
    public StatefulRedisConnection<String, String> writer() {
        if (client instanceof RedisClusterClient) {
            throw new IllegalStateException("a Redis Cluster has no single master to write to");
        }
        return ((RedisClient) client).connect(StringCodec.UTF8);
    }

    /** A new publish/subscribe connection; the caller closes it. */
    public StatefulRedisPubSubConnection<String, String> pubSub() {
        if (client instanceof RedisClusterClient cluster) {
            return cluster.connectPubSub(StringCodec.UTF8);
        }
        return ((RedisClient) client).connectPubSub(StringCodec.UTF8);
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
        shared.close();
    }

    /**
     * A dedicated connection and its blocking commands.
     *
     * @param connection the connection, to close
     * @param commands   its blocking commands
     */
    public record Dedicated(StatefulConnection<String, String> connection, RedisClusterCommands<String, String> commands)
            implements AutoCloseable {
        @Override
        public void close() {
            connection.close();
        }
    }
}
