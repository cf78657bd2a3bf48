package dev.netx.faults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Closed-loop callers placing orders over HTTP: each client sends one order, waits for its answer (at
 * most its deadline), records it and sends the next. A client whose order process refuses the
 * connection tries the next one, as a load balancer would (the request was never sent). A share of
 * the orders may go to callers that retry them with an idempotency key ({@link #retryShare}). A caller
 * answered with a {@code Retry-After} (a 429 of the shop's admission control) waits that long before
 * its next order. A scenario may add a flood of callers for a while ({@link #flood}).
 */
final class LoadGenerator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The header that makes a POST /orders idempotent (the shop's OrderController). */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Tries of one keyed order at most, the first included. */
    private static final int MAX_TRIES = 5;
    /** A thread per twin: it blocks for as long as its call. */
    private static final Executor TWINS = task -> {
        Thread thread = new Thread(task, "load-twin");
        thread.setDaemon(true);
        thread.start();
    };

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
    private volatile double retryShare;
    private final AtomicBoolean flooding = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Thread> flooders = new ArrayList<>();

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

    /**
     * Starts {@code callers} more clients, numbered after the others (so each draws its own orders),
     * until {@link #calm}: the flood.
     */
    synchronized void flood(int callers) {
        flooding.set(true);
        for (int i = 0; i < callers; i++) {
            int id = clients + flooders.size();
            Thread thread = new Thread(() -> loop(id), "load-flood-" + id);
            thread.setDaemon(true);
            flooders.add(thread);
            thread.start();
        }
    }

    /** Stops the flood's clients after their current call. Blocks (at most a deadline). */
    void calm() {
        flooding.set(false);
        List<Thread> stopping;
        synchronized (this) {
            stopping = List.copyOf(flooders);
            flooders.clear();
        }
        join(stopping);
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

    /**
     * From now on, each order is sent with an {@code Idempotency-Key} with this probability, by a
     * caller that retries it ({@link Call.Attempt}); 0, the default, sends every order once, keyless.
     */
    void retryShare(double share) {
        retryShare = share;
    }

    /** The calls made so far. */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Stops the clients after their current call and returns every call made. Blocks (at most a deadline). */
    List<Call> stop() {
        running.set(false);
        calm();
        join(threads);
        return List.copyOf(calls);
    }

    private void join(List<Thread> clients) {
        for (Thread thread : clients) {
            try {
                thread.join(deadline.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop(int client) {
        OrderMix mix = new OrderMix(seed, randomSeed * 31 + client);
        Random retries = new Random(randomSeed * 37 + client);
        int[] next = {client};
        while (running.get() && (client < clients || flooding.get())) {
            OrderMix.Draw draw = mix.next(poisonShare);
            if (orchestrationOnly) {
                draw = draw.orchestrated();
            }
            // drawn only while retries are on, so that the draws of a run without them stay the same
            if (retryShare > 0 && retries.nextDouble() < retryShare) {
                placeKeyed(client, draw, next, retries);
            } else {
                Call call = send(client, draw, next, null, null);
                calls.add(call);
                if (call.retryAfter() != null) {
                    Waits.pause(call.retryAfter());
                }
            }
        }
    }

    /**
     * A caller that retries: sends the order with an Idempotency-Key (sometimes twice at once, to
     * both order processes), sends it again after a 202, a timeout or a cut connection, and now and
     * then reuses the key with another body once answered.
     */
    private void placeKeyed(int client, OrderMix.Draw draw, int[] next, Random random) {
        String key = UUID.randomUUID().toString();
        int[] other = {next[0] + 1};
        CompletableFuture<Call> twin = random.nextInt(4) == 0
                ? CompletableFuture.supplyAsync(() -> send(client, draw, other, key, Call.Attempt.TWIN), TWINS)
                : null;
        Call.Attempt attempt = Call.Attempt.FIRST;
        Call last = null;
        for (int tries = 0; tries < MAX_TRIES && attempt != null; tries++) {
            if (tries > 0) {
                Waits.pause(Duration.ofMillis(100 + random.nextInt(400)));
            }
            last = send(client, draw, next, key, attempt);
            calls.add(last);
            attempt = retryAfter(last);
        }
        if (twin != null) {
            calls.add(twin.join());
        }
        if (last.completed() && random.nextInt(10) == 0) {
            Map<String, Object> changed = new LinkedHashMap<>(draw.body());
            changed.put("amount", ((Number) changed.get("amount")).longValue() + 1);
            calls.add(send(client, new OrderMix.Draw(draw.kind(), draw.style(), changed), next, key,
                    Call.Attempt.CONFLICT));
        }
    }

    /** Why a caller sends a keyed order again after this try, or {@code null} when it was answered for good. */
    private static Call.Attempt retryAfter(Call call) {
        return switch (call.outcome()) {
            case TIMED_OUT -> Call.Attempt.AFTER_TIMEOUT;
            case CONNECTION_LOST, REFUSED -> Call.Attempt.AFTER_CUT;
            case ANSWERED -> call.status() == 202 ? Call.Attempt.AFTER_202
                    : call.status() == 503 ? Call.Attempt.AFTER_CUT : null;
        };
    }

    /**
     * One order to the first order process that accepts the connection, in turn from {@code next[0]}
     * on (it counts each one tried); a REFUSED call (after a short pause) if none does.
     */
    private Call send(int client, OrderMix.Draw draw, int[] next, String key, Call.Attempt attempt) {
        for (int i = 0; i < orderProcesses.size(); i++) {
            AppProcess target = orderProcesses.get(Math.floorMod(next[0]++, orderProcesses.size()));
            Call call = place(client, draw, target, key, attempt);
            if (call != null) {
                return call;
            }
        }
        long now = timeline.millis();
        Waits.pause(Duration.ofMillis(200));
        return new Call(client, draw.style(), draw.kind(), "none", now, now, 0, Call.Outcome.REFUSED, null, null,
                "every order process refused the connection", key, attempt, null);
    }

    /** One call, or {@code null} when the process refused the connection. */
    private Call place(int client, OrderMix.Draw draw, AppProcess target, String key, Call.Attempt attempt) {
        long start = timeline.millis();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target.url("/orders?style=" + draw.style()))
                    .timeout(deadline).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(draw.body())));
            if (key != null) {
                request.header(IDEMPOTENCY_KEY, key);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = parse(response.body());
            String orderId = body.path("orderId").isMissingNode() ? null : body.path("orderId").asString();
            String sagaId = text(body, "sagaId");
            String error = body.path("error").isMissingNode() ? null : body.path("error").asString();
            Duration retryAfter = response.headers().firstValue("Retry-After").map(LoadGenerator::seconds).orElse(null);
            return new Call(client, draw.style(), draw.kind(), target.slot(), start, timeline.millis(),
                    response.statusCode(), Call.Outcome.ANSWERED, orderId, sagaId, error, key, attempt, retryAfter);
        } catch (ConnectException | java.net.http.HttpConnectTimeoutException e) {
            return null; // never sent: the next order process gets it
        } catch (HttpTimeoutException e) {
            return failed(client, draw, target, start, Call.Outcome.TIMED_OUT, e, key, attempt);
        } catch (IOException e) {
            return failed(client, draw, target, start, Call.Outcome.CONNECTION_LOST, e, key, attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(client, draw, target, start, Call.Outcome.CONNECTION_LOST, e, key, attempt);
        }
    }

    private Call failed(int client, OrderMix.Draw draw, AppProcess target, long start, Call.Outcome outcome,
            Exception e, String key, Call.Attempt attempt) {
        return new Call(client, draw.style(), draw.kind(), target.slot(), start, timeline.millis(), 0, outcome, null,
                null, e.toString(), key, attempt, null);
    }

    /** A {@code Retry-After} in seconds (the shop never sends a date); a second if it does not parse. */
    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
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
