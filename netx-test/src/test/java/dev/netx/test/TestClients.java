package dev.netx.test;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Lettuce connections with short timeouts for tests, all closed by {@link #close()}. */
final class TestClients implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient client = RedisClient.create();
    private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();

    TestClients() {
        // No reconnects: tests kill servers, and a reconnect racing the quick shutdown only makes noise.
        client.setOptions(ClientOptions.builder().autoReconnect(false).build());
    }

    /** Synchronous commands on a new connection with the default short timeout. */
    RedisCommands<String, String> connect(RedisServer server) {
        return connect(server.redisUri(), TIMEOUT);
    }

    RedisCommands<String, String> connect(RedisURI uri, Duration timeout) {
        uri.setTimeout(timeout);
        StatefulRedisConnection<String, String> connection = client.connect(uri);
        connections.add(connection);
        return connection.sync();
    }

    @Override
    public void close() {
        connections.forEach(StatefulRedisConnection::close);
        client.shutdown(Duration.ZERO, TIMEOUT);
    }
}
