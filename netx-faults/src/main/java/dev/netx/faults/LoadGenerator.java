package dev.netx.faults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Closed-loop callers placing orders over HTTP: each client sends one order, waits for its answer (at
 * most its deadline), records it and sends the next. A client whose order process refuses the
 * connection tries the next one, as a load balancer would (the request was never sent).
 */
final class LoadGenerator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<AppProcess> orderProcesses;
    private final ShopSettings.Seed seed;
    private final long randomSeed;
    private final int clients;
    private final Duration deadline;
    private final Timeline timeline;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile double poisonShare;
    private volatile boolean orchestrationOnly;
    private final List<Thread> threads = new ArrayList<>();

    LoadGenerator(List<AppProcess> orderProcesses, ShopSettings.Seed seed, long randomSeed, int clients,
            Duration deadline, Timeline timeline) {
        this.orderProcesses = List.copyOf(orderProcesses);
        this.seed = seed;
        this.randomSeed = randomSeed;
        this.clients = clients;
        this.deadline = deadline;
        this.timeline = timeline;
    }

    /** Starts the clients. */
    void start() {
        running.set(true);
        for (int client = 0; client < clients; client++) {
            int id = client;
            Thread thread = new Thread(() -> loop(id), "load-" + id);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** From now on, each order is a poison order ({@link OrderMix.Kind#POISON}) with this probability. */
    void poisonShare(double share) {
        poisonShare = share;
    }

    /**
     * Whether every order from now on is orchestrated (the draws stay the same, their style is
     * overridden): choreographed sagas need every listening group to exist when they start, since a
     * group that starts for the first time does not replay earlier sagas' events.
     */
    void orchestrationOnly(boolean only) {
        orchestrationOnly = only;
    }

    /** The calls made so far. */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Stops the clients after their current call and returns every call made. Blocks (at most a deadline). */
    List<Call> stop() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(deadline.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return List.copyOf(calls);
    }

    private void loop(int client) {
        OrderMix mix = new OrderMix(seed, randomSeed * 31 + client);
        int next = client;
        while (running.get()) {
            OrderMix.Draw draw = mix.next(poisonShare);
            if (orchestrationOnly) {
                draw = draw.orchestrated();
            }
            Call call = null;
            for (int attempt = 0; attempt < orderProcesses.size() && call == null; attempt++) {
                AppProcess target = orderProcesses.get(Math.floorMod(next++, orderProcesses.size()));
                call = place(client, draw, target);
            }
            if (call == null) {
                long now = timeline.millis();
                call = new Call(client, draw.style(), draw.kind(), "none", now, now, 0, Call.Outcome.REFUSED, null,
                        null, "every order process refused the connection");
                Waits.pause(Duration.ofMillis(200));
            }
            calls.add(call);
        }
    }

    /** One call, or {@code null} when the process refused the connection. */
    private Call place(int client, OrderMix.Draw draw, AppProcess target) {
        long start = timeline.millis();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.url("/orders?style=" + draw.style()))
                    .timeout(deadline).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(draw.body()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = parse(response.body());
            String orderId = body.path("orderId").isMissingNode() ? null : body.path("orderId").asString();
            String sagaId = text(body, "sagaId");
            String error = body.path("error").isMissingNode() ? null : body.path("error").asString();
            return new Call(client, draw.style(), draw.kind(), target.slot(), start, timeline.millis(),
                    response.statusCode(), Call.Outcome.ANSWERED, orderId, sagaId, error);
        } catch (ConnectException | java.net.http.HttpConnectTimeoutException e) {
            return null; // never sent: the next order process gets it
        } catch (HttpTimeoutException e) {
            return failed(client, draw, target, start, Call.Outcome.TIMED_OUT, e);
        } catch (IOException e) {
            return failed(client, draw, target, start, Call.Outcome.CONNECTION_LOST, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(client, draw, target, start, Call.Outcome.CONNECTION_LOST, e);
        }
    }

    private Call failed(int client, OrderMix.Draw draw, AppProcess target, long start, Call.Outcome outcome,
            Exception e) {
        return new Call(client, draw.style(), draw.kind(), target.slot(), start, timeline.millis(), 0, outcome, null,
                null, e.toString());
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode().put("error", "unparsable answer: " + body);
        }
    }
}
