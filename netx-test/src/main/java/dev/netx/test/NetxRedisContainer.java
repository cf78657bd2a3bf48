package dev.netx.test;

import io.lettuce.core.RedisURI;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis in a Docker container, for users who prefer Docker to local {@code redis-server} processes.
 * Needs {@code org.testcontainers:testcontainers} (an optional dependency of netx-test) and a Docker
 * engine. Works with Spring Boot's {@code @ServiceConnection(name = "redis")}.
 */
public final class NetxRedisContainer extends GenericContainer<NetxRedisContainer> {

    /** The image used by default: {@code redis:7.4}. */
    public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("redis:7.4");
    /** The port Redis listens on inside the container. */
    public static final int REDIS_PORT = 6379;

    /** A container of {@link #DEFAULT_IMAGE}. */
    public NetxRedisContainer() {
        this(DEFAULT_IMAGE);
    }

    /** A container of the given Redis image, ready once Redis logs that it accepts connections. */
    public NetxRedisContainer(DockerImageName image) {
        super(image);
        withExposedPorts(REDIS_PORT);
        waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
    }

    /** {@code redis://<host>:<mapped port>}; the container must be running. */
    public String uri() {
        return "redis://" + getHost() + ":" + getMappedPort(REDIS_PORT);
    }

    /** A new Lettuce URI of the running container, with Lettuce's default timeout. */
    public RedisURI redisUri() {
        return RedisURI.Builder.redis(getHost(), getMappedPort(REDIS_PORT)).build();
    }
}
