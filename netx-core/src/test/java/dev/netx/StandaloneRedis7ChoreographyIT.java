package dev.netx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netx.test.RedisBinary;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import io.lettuce.core.AbstractRedisClient;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The choreography contract on Redis 7 or later, when a {@code redis-server} of that version is on PATH. */
class StandaloneRedis7ChoreographyIT extends ChoreographyContract {

    private static RedisLauncher launcher;
    private static RedisServer server;

    @BeforeAll
    static void startRedis() {
        Optional<RedisBinary> binary = RedisBinary.onPath().filter(b -> !b.version().startsWith("6."));
        assumeTrue(binary.isPresent(), "no redis-server 7+ on PATH");
        launcher = new RedisLauncher(binary.get());
        server = launcher.standalone();
    }

    @AfterAll
    static void stopRedis() {
        if (launcher != null) {
            launcher.close();
        }
    }

    @Override
    AbstractRedisClient newClient() {
        return NetxClients.standalone(server.redisUri());
    }
}
