package dev.netx;

import dev.netx.test.RedisBinary;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import io.lettuce.core.AbstractRedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The choreography contract on our minimum version: the embedded Redis 6.2. */
class StandaloneRedis62ChoreographyIT extends ChoreographyContract {

    private static RedisLauncher launcher;
    private static RedisServer server;

    @BeforeAll
    static void startRedis() {
        launcher = new RedisLauncher(RedisBinary.embedded());
        server = launcher.standalone();
    }

    @AfterAll
    static void stopRedis() {
        launcher.close();
    }

    @Override
    AbstractRedisClient newClient() {
        return NetxClients.standalone(server.redisUri());
    }
}
