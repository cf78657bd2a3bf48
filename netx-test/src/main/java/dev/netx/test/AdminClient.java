package dev.netx.test;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A small Lettuce client for setting up and watching the servers of a topology: one short-lived
 * connection per call, short timeouts, few threads, and a shutdown without Netty's quiet period.
 */
final class AdminClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final ClientResources resources = DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(1)
            .build();
    private final RedisClient client = RedisClient.create(resources);
    private final AtomicBoolean closed = new AtomicBoolean();

    AdminClient() {
        client.setOptions(ClientOptions.builder().autoReconnect(false).build());
    }

    /** Runs the function on a new connection to the server on the port; blocks. */
    <T> T call(int port, Function<RedisCommands<String, String>, T> function) {
        try (StatefulRedisConnection<String, String> connection = client.connect(uri(port))) {
            return function.apply(connection.sync());
        }
    }

    /** Runs the function on a new connection to the Sentinel on the port; blocks. */
    <T> T callSentinel(int port, Function<RedisSentinelCommands<String, String>, T> function) {
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(uri(port))) {
            return function.apply(connection.sync());
        }
    }

    /**
     * Polls the condition until it holds; a condition that throws counts as not holding.
     *
     * @throws IllegalStateException naming what was awaited, with the last failure, once the timeout passes
     */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastFailure = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Timed out after " + timeout + " waiting until " + what, lastFailure);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting until " + what, e);
            }
        }
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        client.shutdown(Duration.ZERO, TIMEOUT);
        resources.shutdown(0, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static RedisURI uri(int port) {
        return RedisURI.Builder.redis(RedisServer.HOST, port).withTimeout(TIMEOUT).build();
    }
}
