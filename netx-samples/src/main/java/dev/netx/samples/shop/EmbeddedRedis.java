package dev.netx.samples.shop;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quick start's Redis: when no Redis is configured and none answers on 127.0.0.1:6379, the shop
 * starts a redis-server of its own (the one on PATH, else the embedded Redis 6.2) for as long as it
 * runs.
 */
final class EmbeddedRedis {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final String[] SETTINGS = {"spring.data.redis.url", "spring.data.redis.host",
        "spring.data.redis.sentinel.nodes", "spring.data.redis.cluster.nodes"};

    private EmbeddedRedis() {
    }

    /** The URL of a Redis started here, or empty when the application has one. */
    static Optional<String> startIfNeeded(String[] args) {
        if (configured(args) || answers("127.0.0.1", 6379)) {
            return Optional.empty();
        }
        RedisLauncher launcher = new RedisLauncher();
        RedisServer server = launcher.standalone();
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "shop-embedded-redis"));
        log.info("No Redis configured and none on 127.0.0.1:6379: started an embedded redis-server {} on port {}",
                launcher.binary().version(), server.port());
        return Optional.of(server.uri());
    }

    private static boolean configured(String[] args) {
        for (String setting : SETTINGS) {
            String env = setting.toUpperCase().replace('.', '_').replace("-", "");
            if (System.getenv(env) != null || System.getProperty(setting) != null
                    || Arrays.stream(args).anyMatch(arg -> arg.startsWith("--" + setting + "="))) {
                return true;
            }
        }
        return false;
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
