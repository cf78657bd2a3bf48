package dev.netx.internal.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.util.UUID;

/**
 * A Lettuce client for a master found through Redis Sentinel, made by {@code NetxClients}: it keeps
 * its URI, so that a node can follow the Sentinels' announcements of a new master
 * ({@link MasterSwitchFollower}), and gives all its connections one client name (the URI's, else
 * {@code netx-<random>}), which Lettuce sets again on every reconnection, so that they can be found on
 * the old master.
 */
public final class SentinelRedisClient extends RedisClient {

    private final RedisURI uri;

    /** A client for the master that {@code uri}'s Sentinels name; it owns its resources. */
    public SentinelRedisClient(RedisURI uri) {
        this(named(uri), null);
    }

    private SentinelRedisClient(RedisURI named, Void marker) {
        super(null, named);
        this.uri = named;
    }

    private static RedisURI named(RedisURI uri) {
        if (uri.getSentinels().isEmpty()) {
            throw new IllegalArgumentException("not a Sentinel URI: " + uri);
        }
        RedisURI.Builder copy = RedisURI.builder(uri).withSentinelMasterId(uri.getSentinelMasterId())
                .withClientName(uri.getClientName() != null ? uri.getClientName() : "netx-" + UUID.randomUUID());
        uri.getSentinels().forEach(copy::withSentinel);
        return copy.build();
    }

    /** The Sentinel URI, with the client name of every connection. */
    public RedisURI uri() {
        return uri;
    }
}
