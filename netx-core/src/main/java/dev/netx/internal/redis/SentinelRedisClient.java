package dev.netx.internal.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

/**
 * A Lettuce client for a master found through Redis Sentinel, made by {@code NetxClients}: it keeps
 * its URI, so that a node can follow the Sentinels' announcements of a new master
 * ({@link MasterSwitchFollower}).
 */
public final class SentinelRedisClient extends RedisClient {

    private final RedisURI uri;

    /** A client for the master that {@code uri}'s Sentinels name; it owns its resources. */
    public SentinelRedisClient(RedisURI uri) {
        super(null, uri);
        if (uri.getSentinels().isEmpty()) {
            throw new IllegalArgumentException("not a Sentinel URI: " + uri);
        }
        this.uri = uri;
    }

    /** The Sentinel URI. */
    public RedisURI uri() {
        return uri;
    }
}
