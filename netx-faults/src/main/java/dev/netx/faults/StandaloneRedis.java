package dev.netx.faults;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisServerOptions;
import java.util.List;

/** One redis-server with {@code appendonly yes}, {@code appendfsync always}: the shop of most scenarios. */
record StandaloneRedis(RedisServer server) implements ShopRedis {

    static StandaloneRedis start(RedisLauncher launcher) {
        return new StandaloneRedis(launcher.standalone(RedisServerOptions.defaults()
                .withPersistence(RedisServerOptions.Persistence.AOF_ALWAYS)));
    }

    @Override
    public List<String> shopArguments() {
        return List.of("--spring.data.redis.url=" + server.uri());
    }

    @Override
    public RedisServer master() {
        return server;
    }

    @Override
    public void heal() {
        if (!server.isAlive()) {
            server.restart();
        } else {
            server.resume();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
