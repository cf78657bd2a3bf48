package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.Netx;
import dev.netx.SagaEvent;
import dev.netx.spring.SagaRollback;
import dev.netx.spring.SagaStart;
import dev.netx.spring.console.NetxConsoleController;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The console on the management port of a real servlet application: off unless enabled; the page,
 * a saga found by its id with its timeline, a dead letter relayed from it (only with the page's token
 * and with actions allowed), and the relay in the saga's timeline.
 */
@RedisTest
class NetxConsoleIT {

    static final AtomicBoolean REPAIRED = new AtomicBoolean();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDeadLetterIsRelayedFromTheConsoleAndShowsInItsSagasTimeline(RedisServer redis) throws Exception {
        try (ConfigurableApplicationContext app = Apps.runWeb(RefundApplication.class, redis, "netx.group=refunds",
                "netx.max-deliveries=2", "netx.orphan-timeout=500ms", "netx.console.enabled=true",
                "management.endpoint.netx.access=unrestricted")) {
            String console = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.management.port")
                    + "/actuator/netx-console";
            HttpResponse<String> page = get(console);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/html"));
            Matcher token = Pattern.compile("data-token=\"([0-9a-f]+)\"").matcher(page.body());
            assertThat(token.find()).isTrue();

            Netx netx = app.getBean(Netx.class);
            String sagaId = netx.sagaManager().startSync("r1");
            netx.sagaManager().rollback(sagaId, "customer cancelled", "r1").join();
            await().atMost(Duration.ofSeconds(20)).until(() -> get(console + "/api/dead-letters").body()
                    .contains(sagaId));
            assertThat(get(console + "/api/sagas?q=" + sagaId).body()).contains("\"sagaId\":\"" + sagaId + "\"");
            assertThat(get(console + "/api/sagas/" + sagaId).body()).contains("\"DEAD_LETTERED\"")
                    .contains("customer cancelled");
            String deadLetterId = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(get(console + "/api/dead-letters")
                    .body()).results().findFirst().orElseThrow().group(1);

            REPAIRED.set(true);
            String relay = console + "/api/dead-letter/relay?id=" + deadLetterId;
            assertThat(post(relay, null).statusCode()).as("without the page's token").isEqualTo(403);
            HttpResponse<String> relayed = post(relay, token.group(1));
            assertThat(relayed.statusCode()).isEqualTo(200);
            assertThat(relayed.body()).contains("\"count\":1");
            // the saga may have a second dead letter: its rollback also reached the group's inbox when the
            // start listener finished after it (a late rollback), and failed before the repair too; the
            // batch relays whatever is left, as an operator would after an outage
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(post(console + "/api/dead-letters/relay?group=refunds", token.group(1)).statusCode())
                        .isEqualTo(200);
                assertThat(get(console + "/api/dead-letters").body()).doesNotContain(sagaId);
            });
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(console + "/api/sagas/"
                    + sagaId).body()).contains("\"RELAYED\"").contains("\"COMPENSATION\""));
            assertThat(get(console + "/api/sagas/unknown-saga").statusCode()).isEqualTo(404);
        } finally {
            REPAIRED.set(false);
        }
    }

    @Test
    void theConsoleIsOffByDefaultAndReadOnlyUnlessActionsAreAllowed(RedisServer redis) throws Exception {
        try (ConfigurableApplicationContext off = Apps.runWeb(RefundApplication.class, redis, "netx.group=off");
                ConfigurableApplicationContext readOnly = Apps.runWeb(RefundApplication.class, redis,
                        "netx.group=read-only", "netx.console.enabled=true")) {
            assertThat(get("http://127.0.0.1:" + off.getEnvironment().getProperty("local.management.port")
                    + "/actuator/netx-console").statusCode()).isEqualTo(404);
            String console = "http://127.0.0.1:" + readOnly.getEnvironment().getProperty("local.management.port")
                    + "/actuator/netx-console";
            HttpResponse<String> page = get(console);
            assertThat(page.body()).contains("data-actions=\"false\"");
            Matcher token = Pattern.compile("data-token=\"([0-9a-f]+)\"").matcher(page.body());
            assertThat(token.find()).isTrue();
            HttpResponse<String> refused = post(console + "/api/dead-letters/relay", token.group(1));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("management.endpoint.netx.access=unrestricted");
            // the application's own port does not serve it
            assertThat(get("http://127.0.0.1:" + readOnly.getEnvironment().getProperty("local.server.port")
                    + "/actuator/netx-console").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header(NetxConsoleController.TOKEN_HEADER, token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Refunds.class)
    static class RefundApplication {
    }

    static class Refunds {

        @SagaStart
        void took(SagaEvent<String> event) {
        }

        @SagaRollback
        void refund(SagaEvent<String> event) {
            if (!REPAIRED.get()) {
                throw new IllegalStateException("refund service down");
            }
        }
    }
}
