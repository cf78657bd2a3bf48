package dev.netx.spring.autoconfigure;

import dev.netx.NetxClients;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where Netx's Redis is and how to talk to it, whichever properties said so; makes the Lettuce client
 * with the options of {@link NetxClients}.
 *
 * @param uris           the server (standalone, or the Sentinel setup) or the seed nodes of a cluster
 * @param cluster        whether the URIs are cluster seeds
 * @param sslBundle      the TLS material, when the URIs use TLS; {@code null} for the JDK's defaults
 * @param connectTimeout how long connecting may take; {@code null} for Lettuce's default
 */
record RedisTarget(List<RedisURI> uris, boolean cluster, @Nullable SslBundle sslBundle,
        @Nullable Duration connectTimeout) {

    RedisTarget {
        uris = List.copyOf(uris);
        if (uris.isEmpty() || (!cluster && uris.size() != 1)) {
            throw new IllegalArgumentException("a Redis target needs one URI, or cluster seeds: " + uris);
        }
    }

    /** A new client that nobody else owns; nothing connects until Netx starts. */
    AbstractRedisClient createClient() {
        if (cluster) {
            RedisClusterClient client = NetxClients.cluster(uris);
            ClusterClientOptions options = (ClusterClientOptions) client.getOptions();
            client.setOptions(adjust(options.mutate()).build());
            return client;
        }
        RedisClient client = NetxClients.standalone(uris.get(0));
        client.setOptions(adjust(client.getOptions().mutate()).build());
        return client;
    }

    private <B extends ClientOptions.Builder> B adjust(B builder) {
        if (connectTimeout != null) {
            builder.socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build());
        }
        if (sslBundle != null) {
            SslOptions.Builder ssl = SslOptions.builder()
                    .keyManager(sslBundle.getManagers().getKeyManagerFactory())
                    .trustManager(sslBundle.getManagers().getTrustManagerFactory());
            String[] ciphers = sslBundle.getOptions().getCiphers();
            if (ciphers != null) {
                ssl.cipherSuites(ciphers);
            }
            String[] protocols = sslBundle.getOptions().getEnabledProtocols();
            if (protocols != null) {
                ssl.protocols(protocols);
            }
            builder.sslOptions(ssl.build());
        }
        return builder;
    }

    /** What is safe to log: the addresses, without credentials. */
    @Override
    public String toString() {
        return (cluster ? "Redis Cluster " : "Redis ") + uris.stream()
                .map(uri -> uri.getSentinels().isEmpty() ? uri.getHost() + ":" + uri.getPort()
                        : "sentinel master " + uri.getSentinelMasterId())
                .toList() + (uris.get(0).isSsl() ? " over TLS" : "");
    }
}
