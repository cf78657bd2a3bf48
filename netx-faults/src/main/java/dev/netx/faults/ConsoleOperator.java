package dev.netx.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator at the Netx console of one shop process, over HTTP as the console's page talks to it:
 * reads the page for its token, lists the dead letters and relays one group's in a batch. Each call
 * is bounded by {@link #CALL_BOUND}. The shop serves the console on each process's own port, with
 * its actions allowed ({@code management.endpoint.netx.access=unrestricted}).
 */
final class ConsoleOperator {

    /** The longest one call to the console may take. */
    static final Duration CALL_BOUND = Duration.ofSeconds(30);
    /** The most dead letters the console lists or relays in one call. */
    static final int MOST = 500;
    private static final String CONSOLE = "/actuator/netx-console";
    private static final String TOKEN_HEADER = "X-Netx-Console-Token";
    private static final Pattern TOKEN = Pattern.compile("data-token=\"([0-9a-f]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final AppProcess process;
    private final String token;

    private ConsoleOperator(AppProcess process, String token) {
        this.process = process;
        this.token = token;
    }

    /**
     * One dead letter as the console lists it.
     *
     * @param id     its id, {@code <shard>/<entry>}
     * @param sagaId its saga
     * @param group  the group that failed it
     * @param reason why
     */
    record Letter(String id, String sagaId, String group, String reason) {
    }

    /** Opens the console's page of the process and reads its token. Blocks. */
    static ConsoleOperator open(AppProcess process) {
        return new ConsoleOperator(process, token(send(HttpRequest.newBuilder(process.url(CONSOLE)).GET(), process)));
    }

    /** The process the operator works on. */
    AppProcess process() {
        return process;
    }

    /** The oldest dead letters, at most {@link #MOST}, across every shard. Blocks. */
    List<Letter> deadLetters() {
        return letters(send(HttpRequest.newBuilder(process.url(CONSOLE + "/api/dead-letters?limit=" + MOST)).GET(),
                process));
    }

    /** Relays the group's dead letters among the oldest {@code limit}; returns how many were relayed. Blocks. */
    int relay(String group, int limit) {
        URI uri = process.url(CONSOLE + "/api/dead-letters/relay?group=" + group + "&limit=" + limit);
        String answer = send(HttpRequest.newBuilder(uri).header(TOKEN_HEADER, token)
                .POST(HttpRequest.BodyPublishers.noBody()), process);
        return JSON.readTree(answer).path("count").asInt();
    }

    /** The token in the console's page (its body's {@code data-token}). */
    static String token(String page) {
        Matcher matcher = TOKEN.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("no token in the console's page: are its actions allowed?");
        }
        return matcher.group(1);
    }

    /** The dead letters of the console's list, as JSON. */
    static List<Letter> letters(String json) {
        List<Letter> letters = new ArrayList<>();
        for (JsonNode letter : JSON.readTree(json)) {
            letters.add(new Letter(letter.path("id").asString(), letter.path("sagaId").asString(),
                    letter.path("group").asString(), letter.path("reason").asString()));
        }
        return letters;
    }

    /** The body of a call answered 200; throws otherwise. */
    private static String send(HttpRequest.Builder request, AppProcess process) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(CALL_BOUND).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the console of " + process.slot() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("the console of " + process.slot() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the console", e);
        }
    }
}
