package dev.netx.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.Netx;
import dev.netx.NetxClients;
import dev.netx.NetxOptions;
import dev.netx.SagaListener;
import dev.netx.SagaPhase;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The standalone console against a Redis that a service's node uses: it shows that node's group and
 * its sagas, and records no group of its own (it reads nothing).
 */
@RedisTest
class NetxConsoleApplicationIT {

    private static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("operator:s3cret".getBytes());
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void showsTheGroupsAndSagasOfItsRedisAndIsNoGroupItself(RedisServer redis) throws Exception {
        RedisClient client = NetxClients.standalone(redis.redisUri());
        try (Netx payment = Netx.builder(client, NetxOptions.builder("payment").namespace("shop").shards(4).build())
                .listener(SagaListener.on(SagaPhase.START, String.class, event -> null)).build();
                ConfigurableApplicationContext console = SpringApplication.run(NetxConsoleApplication.class,
                        "--server.port=0", "--spring.data.redis.url=" + redis.uri(), "--netx.namespace=shop",
                        "--netx.shards=4", "--spring.main.banner-mode=off", "--spring.security.user.name=operator",
                        "--spring.security.user.password=s3cret")) {
            payment.start();
            String sagaId = payment.sagaManager().startSync("order-1");
            String base = "http://127.0.0.1:" + console.getEnvironment().getProperty("local.server.port");

            HttpResponse<String> root = get(base + "/");
            assertThat(root.statusCode()).isEqualTo(302);
            assertThat(root.headers().firstValue("Location")).hasValueSatisfying(location ->
                    assertThat(location).endsWith("/actuator/netx-console"));
            HttpResponse<String> page = get(base + "/actuator/netx-console");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("namespace shop");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    get(base + "/actuator/netx-console/api/overview").body()).contains("\"group\":\"payment\"")
                    .doesNotContain("\"group\":\"netx-console\",\"liveNodes\""));
            assertThat(get(base + "/actuator/netx-console/api/sagas/" + sagaId).body())
                    .contains("\"STARTED\"", "\"LISTENER\"");
        } finally {
            client.shutdown();
        }
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", OPERATOR).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
