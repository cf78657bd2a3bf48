package dev.netx.spring.autoconfigure;

import dev.netx.spring.NetxRedisProperties;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/** Turns Spring Boot's Redis connection details, or the {@code netx.redis.*} properties, into a {@link RedisTarget}. */
final class RedisTargets {

    private RedisTargets() {
    }

    /**
     * The application's Redis, as Spring Boot sees it (from {@code spring.data.redis.*}, or from a
     * service connection such as a Testcontainers or Docker Compose one).
     *
     * @param properties the {@code spring.data.redis.*} properties, for timeouts and a TLS URL; may be {@code null}
     */
    static RedisTarget of(DataRedisConnectionDetails details, @Nullable DataRedisProperties properties) {
        if (details.getMasterReplica() != null) {
            throw new IllegalStateException("Netx cannot use a static master/replica Redis"
                    + " (spring.data.redis.masterreplica): set netx.redis.* to its master, or use Sentinel");
        }
        SslBundle bundle = details.getSslBundle();
        boolean ssl = bundle != null || (properties != null && properties.getUrl() != null
                && properties.getUrl().startsWith("rediss:"));
        Duration timeout = properties == null ? null : properties.getTimeout();
        Duration connectTimeout = properties == null ? null : properties.getConnectTimeout();
        String username = details.getUsername();
        String password = details.getPassword();
        if (details.getSentinel() != null) {
            DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
            RedisURI.Builder uri = RedisURI.builder().withSentinelMasterId(sentinel.getMaster())
                    .withDatabase(sentinel.getDatabase());
            for (Node node : sentinel.getNodes()) {
                uri.withSentinel(node(node.host(), node.port(), sentinel.getUsername(), sentinel.getPassword(), ssl));
            }
            return target(uri, username, password, ssl, timeout, bundle, connectTimeout);
        }
        if (details.getCluster() != null) {
            List<RedisURI> seeds = details.getCluster().getNodes().stream()
                    .map(node -> finish(RedisURI.builder().withHost(node.host()).withPort(node.port()), username,
                            password, ssl, timeout))
                    .toList();
            return new RedisTarget(seeds, true, bundle, connectTimeout);
        }
        DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
        RedisURI.Builder uri = RedisURI.builder().withHost(standalone.getHost()).withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase());
        return target(uri, username, password, ssl, timeout, bundle, connectTimeout);
    }

    /** A Redis of Netx's own, from {@code netx.redis.*}. */
    static RedisTarget of(NetxRedisProperties redis, @Nullable SslBundles bundles) {
        SslBundle bundle = null;
        if (redis.ssl().bundle() != null) {
            if (bundles == null) {
                throw new IllegalStateException("netx.redis.ssl.bundle is set but there are no SSL bundles");
            }
            bundle = bundles.getBundle(redis.ssl().bundle());
        }
        boolean ssl = redis.ssl().enabled() || bundle != null;
        if (redis.cluster() != null) {
            List<RedisURI> seeds = redis.cluster().nodes().stream()
                    .map(RedisTargets::hostAndPort)
                    .map(node -> finish(RedisURI.builder().withHost(node.host()).withPort(node.port()),
                            redis.username(), redis.password(), ssl, redis.timeout()))
                    .toList();
            return new RedisTarget(seeds, true, bundle, redis.connectTimeout());
        }
        if (redis.sentinel() != null) {
            NetxRedisProperties.Sentinel sentinel = redis.sentinel();
            RedisURI.Builder uri = RedisURI.builder().withSentinelMasterId(sentinel.master())
                    .withDatabase(redis.database());
            for (String node : sentinel.nodes()) {
                Node parsed = hostAndPort(node);
                uri.withSentinel(node(parsed.host(), parsed.port(), sentinel.username(), sentinel.password(), ssl));
            }
            return target(uri, redis.username(), redis.password(), ssl, redis.timeout(), bundle,
                    redis.connectTimeout());
        }
        if (redis.url() != null) {
            RedisURI uri = RedisURI.create(redis.url());
            if (ssl) {
                uri.setSsl(true);
            }
            if (redis.timeout() != null) {
                uri.setTimeout(redis.timeout());
            }
            return new RedisTarget(List.of(uri), false, bundle, redis.connectTimeout());
        }
        RedisURI.Builder uri = RedisURI.builder().withHost(redis.host()).withPort(redis.port())
                .withDatabase(redis.database());
        return target(uri, redis.username(), redis.password(), ssl, redis.timeout(), bundle, redis.connectTimeout());
    }

    private static RedisTarget target(RedisURI.Builder uri, @Nullable String username, @Nullable String password,
            boolean ssl, @Nullable Duration timeout, @Nullable SslBundle bundle, @Nullable Duration connectTimeout) {
        return new RedisTarget(List.of(finish(uri, username, password, ssl, timeout)), false, bundle, connectTimeout);
    }

    private static RedisURI finish(RedisURI.Builder uri, @Nullable String username, @Nullable String password,
            boolean ssl, @Nullable Duration timeout) {
        if (password != null) {
            if (username != null) {
                uri.withAuthentication(username, password);
            } else {
                uri.withPassword(password);
            }
        }
        if (timeout != null) {
            uri.withTimeout(timeout);
        }
        return uri.withSsl(ssl).build();
    }

    private static RedisURI node(String host, int port, @Nullable String username, @Nullable String password,
            boolean ssl) {
        return finish(RedisURI.builder().withHost(host).withPort(port), username, password, ssl, null);
    }

    private static Node hostAndPort(String node) {
        int colon = node.lastIndexOf(':');
        if (colon <= 0 || colon == node.length() - 1) {
            throw new IllegalArgumentException("'" + node + "' is not host:port");
        }
        try {
            return new Node(node.substring(0, colon), Integer.parseInt(node.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + node + "' is not host:port", e);
        }
    }
}
