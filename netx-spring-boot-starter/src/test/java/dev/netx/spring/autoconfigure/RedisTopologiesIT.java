package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netx.SagaManager;
import dev.netx.SagaState;
import dev.netx.SuccessWith;
import dev.netx.spring.SagaStart;
import dev.netx.test.RedisCluster;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisSentinelSetup;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The node reaches a Redis Cluster or a Sentinel-managed Redis from Spring Boot's own Redis properties. */
@RedisTest
class RedisTopologiesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void runsSagasOnARedisClusterGivenBySpringDataRedisClusterNodes(RedisLauncher launcher) {
        RedisCluster cluster = launcher.cluster();
        String nodes = cluster.nodes().stream().map(node -> node.host() + ":" + node.port())
                .collect(Collectors.joining(","));
        try (ConfigurableApplicationContext app = Apps.run(ShopApplication.class, "netx.group=shop",
                "netx.shards=6", "spring.data.redis.cluster.nodes=" + nodes)) {
            assertCommits(app.getBean(SagaManager.class));
        }
    }

    @Test
    void runsSagasOnTheMasterThatSentinelsName(RedisLauncher launcher) {
        RedisSentinelSetup sentinel = launcher.sentinel();
        String nodes = sentinel.sentinels().stream().map(RedisServer::port).map(port -> "127.0.0.1:" + port)
                .collect(Collectors.joining(","));
        try (ConfigurableApplicationContext app = Apps.run(ShopApplication.class, "netx.group=shop",
                "spring.data.redis.sentinel.master=" + sentinel.masterName(),
                "spring.data.redis.sentinel.nodes=" + nodes)) {
            assertCommits(app.getBean(SagaManager.class));
        }
    }

    private static void assertCommits(SagaManager sagas) {
        for (int i = 0; i < 6; i++) {
            String sagaId = sagas.startSync(new OrderPlaced("o-" + i, 1));
            assertThat(sagas.awaitOutcomeSync(sagaId, TIMEOUT).state()).isEqualTo(SagaState.COMMITTED);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(ShopListeners.class)
    static class ShopApplication {
    }

    static class ShopListeners {

        @SagaStart(successWith = SuccessWith.PUBLISH_COMMIT)
        PaymentDone pay(OrderPlaced order) {
            return new PaymentDone(order.orderId());
        }
    }
}
