package dev.netx.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class NetxRedisContainerIT {

    @Container
    static final NetxRedisContainer redis = new NetxRedisContainer();

    @Test
    void containerAnswersPing() {
        RedisURI uri = redis.redisUri();
        uri.setTimeout(TestClients.TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            client.shutdown(Duration.ZERO, TestClients.TIMEOUT);
        }
    }
}
