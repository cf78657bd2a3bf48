package dev.netx.spring;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The netx.redis.* properties: a Redis for Netx other than the application's own
 * (spring.data.redis.*). Exactly one way to reach it is required: url,
 * host, sentinel.master or cluster.nodes.
 *
 * @param url            A Redis URL, redis://[user:password@]host:port[/database], or
 *                       rediss://... for TLS; wins over host, port, database, username and password.
 * @param host           The Redis host.
 * @param port           The Redis port.
 * @param database       The database index (standalone and Sentinel only).
 * @param username       The user for Redis ACL; none for the default user.
 * @param password       The password of the user.
 * @param ssl            TLS settings.
 * @param timeout        How long a command may take; default 5 seconds.
 * @param connectTimeout How long connecting may take; default Lettuce's, 10 seconds.
 * @param sentinel       The Sentinels to ask for the master.
 * @param cluster        The seed nodes of a Redis Cluster.
 */
public record NetxRedisProperties(
        @Nullable String url,
        @Nullable String host,
        @DefaultValue("6379") int port,
        @DefaultValue("0") int database,
        @Nullable String username,
        @Nullable String password,
        @DefaultValue @NestedConfigurationProperty Ssl ssl,
        @Nullable Duration timeout,
        @Nullable Duration connectTimeout,
        @Nullable @NestedConfigurationProperty Sentinel sentinel,
        @Nullable @NestedConfigurationProperty Cluster cluster) {

    /**
     * Checks that exactly one way to reach Redis is set.
     *
     * @throws IllegalArgumentException naming the properties at fault
     */
    public NetxRedisProperties {
        long ways = Stream.of(url != null || host != null, sentinel != null, cluster != null)
                .filter(set -> set).count();
        if (ways != 1) {
            throw new IllegalArgumentException("netx.redis.* needs exactly one of netx.redis.url (or netx.redis.host),"
                    + " netx.redis.sentinel.master and netx.redis.cluster.nodes; found " + ways);
        }
    }

    /**
     * TLS to Redis.
     *
     * @param enabled Whether to use TLS; a rediss:// URL turns it on too.
     * @param bundle  The SSL bundle (spring.ssl.bundle.*) with the keys and trust material; default the
     *                JDK's.
     */
    public record Ssl(@DefaultValue("false") boolean enabled, @Nullable String bundle) {
    }

    /**
     * Redis Sentinel.
     *
     * @param master   The name of the master the Sentinels monitor. Required.
     * @param nodes    The Sentinels, as host:port. Required.
     * @param username The user for authenticating with the Sentinels.
     * @param password The password for authenticating with the Sentinels.
     */
    public record Sentinel(String master, List<String> nodes, @Nullable String username, @Nullable String password) {

        /** Checks the required values. */
        public Sentinel {
            if (master == null || master.isBlank() || nodes == null || nodes.isEmpty()) {
                throw new IllegalArgumentException(
                        "netx.redis.sentinel needs netx.redis.sentinel.master and netx.redis.sentinel.nodes");
            }
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * Redis Cluster.
     *
     * @param nodes Seed nodes of the cluster, as host:port; Netx discovers the others. Required.
     */
    public record Cluster(List<String> nodes) {

        /** Checks the required values. */
        public Cluster {
            if (nodes == null || nodes.isEmpty()) {
                throw new IllegalArgumentException("netx.redis.cluster.nodes needs at least one host:port");
            }
            nodes = List.copyOf(nodes);
        }
    }
}
