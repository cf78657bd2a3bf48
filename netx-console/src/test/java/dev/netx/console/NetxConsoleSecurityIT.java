package dev.netx.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.DeadLetter;
import dev.netx.Netx;
import dev.netx.NetxClients;
import dev.netx.NetxOptions;
import dev.netx.SagaListener;
import dev.netx.SagaPhase;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console behind Spring Security on a management port of its own: nothing but health without
 * signing in; an operator signs in with the login form; an action needs both the console's token and
 * Spring Security's CSRF token, which the page hands to its script; with both, the dead letter is relayed.
 */
@RedisTest
class NetxConsoleSecurityIT {

    private final AtomicBoolean repaired = new AtomicBoolean();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void anOperatorSignsInAndRelaysADeadLetterWithTheConsolesAndSpringSecuritysTokens(RedisServer redis)
            throws Exception {
        RedisClient client = NetxClients.standalone(redis.redisUri());
        try (Netx refunds = Netx.builder(client, NetxOptions.builder("refunds").namespace("secured").shards(2)
                        .maxDeliveries(2).orphanTimeout(Duration.ofMillis(500)).pollTimeout(Duration.ofMillis(100))
                        .build())
                .listener(SagaListener.on(SagaPhase.START, String.class, event -> null))
                .listener(SagaListener.on(SagaPhase.ROLLBACK, String.class, event -> {
                    if (!repaired.get()) {
                        throw new IllegalStateException("refund service down");
                    }
                    return null;
                })).build();
                ConfigurableApplicationContext console = SpringApplication.run(NetxConsoleApplication.class,
                        "--server.port=0", "--management.server.port=0", "--spring.data.redis.url=" + redis.uri(),
                        "--netx.namespace=secured", "--netx.shards=2", "--spring.main.banner-mode=off",
                        "--management.endpoint.netx.access=unrestricted", "--spring.security.user.name=operator",
                        "--spring.security.user.password=s3cret")) {
            refunds.start();
            String sagaId = refunds.sagaManager().startSync("order-1");
            refunds.sagaManager().rollback(sagaId, "customer cancelled", "order-1").join();
            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(refunds, sagaId).size() >= 1);

            String management = "http://127.0.0.1:" + console.getEnvironment().getProperty("local.management.port");
            String consoleUrl = management + "/actuator/netx-console";
            assertThat(get(management + "/actuator/health").statusCode()).isEqualTo(200);
            HttpResponse<String> anonymous = get(consoleUrl);
            assertThat(anonymous.statusCode()).isIn(302, 401);
            assertThat(anonymous.body()).doesNotContain("data-token");
            assertThat(get(consoleUrl + "/api/dead-letters").body()).doesNotContain(sagaId);

            // the login form of the management port, with its own CSRF token
            HttpResponse<String> login = get(management + "/login");
            assertThat(login.statusCode()).isEqualTo(200);
            String formToken = attribute(login.body(), "name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(management + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "operator",
                            "password", "s3cret", "_csrf", formToken)))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(location ->
                    assertThat(location).doesNotContain("/login?error"));

            HttpResponse<String> page = get(consoleUrl);
            assertThat(page.statusCode()).isEqualTo(200);
            String consoleToken = attribute(page.body(), "data-token=\"([0-9a-f]+)\"");
            String csrfHeader = attribute(page.body(), "data-csrf-header=\"([^\"]+)\"");
            String csrfToken = attribute(page.body(), "data-csrf-token=\"([^\"]+)\"");
            assertThat(get(consoleUrl + "/api/dead-letters").body()).contains(sagaId);

            repaired.set(true);
            String letter = deadLetters(refunds, sagaId).get(0).id();
            String relay = consoleUrl + "/api/dead-letter/relay?id=" + URLEncoder.encode(letter, StandardCharsets.UTF_8);
            assertThat(post(relay, Map.of("X-Netx-Console-Token", consoleToken)).statusCode())
                    .as("without Spring Security's CSRF token").isEqualTo(403);
            assertThat(post(relay, Map.of(csrfHeader, csrfToken)).statusCode())
                    .as("without the console's token").isEqualTo(403);
            assertThat(deadLetters(refunds, sagaId)).extracting(DeadLetter::id).contains(letter);

            HttpResponse<String> relayed = post(relay, Map.of("X-Netx-Console-Token", consoleToken, csrfHeader,
                    csrfToken));
            assertThat(relayed.statusCode()).isEqualTo(200);
            assertThat(relayed.body()).contains("\"count\":1");
            assertThat(deadLetters(refunds, sagaId)).extracting(DeadLetter::id).doesNotContain(letter);
        } finally {
            client.shutdown();
        }
    }

    private static List<DeadLetter> deadLetters(Netx netx, String sagaId) {
        return netx.deadLetters().list(100).join().stream().filter(letter -> letter.sagaId().equals(sagaId)).toList();
    }

    private static String attribute(String html, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(html);
        assertThat(matcher.find()).as(pattern + " in the page").isTrue();
        return matcher.group(1);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> field.getKey() + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
