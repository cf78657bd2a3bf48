package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.internal.redis.KeySpace;
import dev.netx.spi.HandlerCall;
import dev.netx.spi.HandlerCall.Kind;
import dev.netx.spi.NetxObserver;
import dev.netx.spi.SagaCodec;
import dev.netx.spi.TracePropagation;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The trace context captured where a saga is started reaches every handler of the saga, in other
 * groups too, through the messages; the saga id is in the MDC of handlers and of Netx's own
 * continuations; a message whose trace field is garbage is handled all the same.
 */
@RedisTest
class TracePropagationIT {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    record OrderPlaced(String orderId) {
    }

    record PaymentDone(String orderId) {
    }

    /** What a handler call restored: the call, the headers, the saga id in the MDC at that moment. */
    record Restored(HandlerCall call, Map<String, String> headers, String mdcSagaId) {
    }

    /**
     * A tracer in miniature: the current trace is a thread-local; a restored call continues the
     * message's trace as a child named after its group, so what a handler publishes shows where it ran.
     */
    static final class ThreadLocalPropagation implements TracePropagation {
        final ThreadLocal<String> current = new ThreadLocal<>();
        final Queue<Restored> restored = new ConcurrentLinkedQueue<>();
        final Queue<String> finished = new ConcurrentLinkedQueue<>();

        @Override
        public Map<String, String> capture() {
            String trace = current.get();
            return trace == null ? Map.of() : Map.of("traceparent", trace, "tracestate", "netx=t,x=a b&c");
        }

        @Override
        public Scope restore(Map<String, String> headers, HandlerCall call) {
            restored.add(new Restored(call, headers, MDC.get("sagaId")));
            String previous = current.get();
            String parent = headers.get("traceparent");
            current.set(parent == null ? null : parent + "/" + call.group());
            return new Scope() {
                @Override
                public void close() {
                    current.set(previous);
                }

                @Override
                public void finished(Throwable failure) {
                    finished.add(call.sagaId() + " " + call.description());
                }
            };
        }

        List<Restored> of(String sagaId) {
            return restored.stream().filter(r -> r.call().sagaId().equals(sagaId)).toList();
        }
    }

    private final RedisServer redis;
    private final Nodes nodes;
    private final String namespace = "trace" + NAMESPACES.incrementAndGet();

    TracePropagationIT(RedisServer redis) {
        this.redis = redis;
        this.nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    private NetxOptions options(String group) {
        return NetxOptions.builder(group).namespace(namespace).pollTimeout(Duration.ofMillis(200))
                .orphanTimeout(Duration.ofSeconds(1)).maxDeliveries(2).build();
    }

    @Test
    void theTraceOfTheStarterReachesAListenerInAnotherGroupAndWhatThatListenerPublishes() {
        ThreadLocalPropagation payments = new ThreadLocalPropagation();
        ThreadLocalPropagation orders = new ThreadLocalPropagation();
        Queue<String> joined = new ConcurrentLinkedQueue<>();
        nodes.start(options("payment"), builder -> builder.propagation(payments)
                .listener(SagaListener.on(SagaPhase.START, OrderPlaced.class,
                        event -> new PaymentDone(event.event().orderId())).successWith(SuccessWith.PUBLISH_JOIN)));
        Netx order = nodes.start(options("order"), builder -> builder.propagation(orders)
                .listener(SagaListener.on(SagaPhase.JOIN, PaymentDone.class, event -> joined.add(event.sagaId()))));

        orders.current.set(TRACE);
        String sagaId = order.sagaManager().startSync(new OrderPlaced("o-1"));
        orders.current.remove();

        await().atMost(TIMEOUT).until(() -> joined.contains(sagaId));
        Map<String, String> started = Map.of("traceparent", TRACE, "tracestate", "netx=t,x=a b&c");
        assertThat(payments.of(sagaId)).containsExactly(
                new Restored(new HandlerCall(sagaId, Kind.START, "OrderPlaced", "payment"), started, sagaId));
        assertThat(orders.of(sagaId)).containsExactly(new Restored(
                new HandlerCall(sagaId, Kind.JOIN, "PaymentDone", "order"),
                Map.of("traceparent", TRACE + "/payment", "tracestate", "netx=t,x=a b&c"), sagaId));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(payments.finished)
                .containsExactly(sagaId + " start OrderPlaced"));
    }

    @Test
    void aRollbackQueuedForAGroupThatFinishedAfterItCarriesTheTraceOfTheWorkItUndoes() {
        ThreadLocalPropagation payments = new ThreadLocalPropagation();
        ThreadLocalPropagation orders = new ThreadLocalPropagation();
        CountDownLatch rolledBack = new CountDownLatch(1);
        Queue<String> compensated = new ConcurrentLinkedQueue<>();
        nodes.start(options("payment"), builder -> builder.propagation(payments)
                .listener(SagaListener.on(SagaPhase.START, OrderPlaced.class, event -> {
                    rolledBack.await();
                    return null;
                }))
                .listener(SagaListener.on(SagaPhase.ROLLBACK, OrderPlaced.class,
                        event -> compensated.add(event.sagaId()))));
        Netx order = nodes.start(options("order"), builder -> builder.propagation(orders));

        orders.current.set(TRACE);
        String sagaId = order.sagaManager().startSync(new OrderPlaced("o-1"));
        orders.current.remove();
        await().atMost(TIMEOUT).until(() -> !payments.of(sagaId).isEmpty());
        // rolled back while payment still works on its start: payment did not take part yet
        order.sagaManager().rollbackSync(sagaId, "cancelled by the customer", null);
        rolledBack.countDown();

        await().atMost(TIMEOUT).until(() -> compensated.contains(sagaId));
        Map<String, String> started = Map.of("traceparent", TRACE, "tracestate", "netx=t,x=a b&c");
        assertThat(payments.of(sagaId)).containsExactly(
                new Restored(new HandlerCall(sagaId, Kind.START, "OrderPlaced", "payment"), started, sagaId),
                new Restored(new HandlerCall(sagaId, Kind.ROLLBACK, "OrderPlaced", "payment"), started, sagaId));
    }

    @Test
    void theTraceOfTheStartReachesEveryStepCompensationAndParticipantCallOfAnOrchestratedSaga() {
        ThreadLocalPropagation shop = new ThreadLocalPropagation();
        ThreadLocalPropagation bank = new ThreadLocalPropagation();
        nodes.start(options("bank"), builder -> builder.propagation(bank)
                .participant(ParticipantHandler.of("debit", String.class, (String in, SagaContext c) -> in + "+debit"))
                .participant(ParticipantHandler.of("refund", String.class, (String in, SagaContext c) -> null)));
        Orchestrator<String, String> checkout = nodes.start(options("shop"), builder -> builder.propagation(shop))
                .orchestrators().create("checkout", String.class)
                .start(Step.local(String.class, (String in, SagaContext c) -> in, (in, c) -> { }))
                .join(Step.remote("bank", "debit", String.class, "refund"))
                .commit(Step.local(String.class, (String in, SagaContext c) -> {
                    throw new IllegalStateException("out of stock");
                }));

        shop.current.set(TRACE);
        Result<String> result = checkout.sagaSync("cart");
        shop.current.remove();

        assertThat(result.isSuccess()).isFalse();
        String sagaId = result.sagaId();
        Map<String, String> started = Map.of("traceparent", TRACE, "tracestate", "netx=t,x=a b&c");
        assertThat(shop.of(sagaId)).containsExactly(
                new Restored(new HandlerCall(sagaId, Kind.STEP, "checkout.0", "shop"), started, sagaId),
                new Restored(new HandlerCall(sagaId, Kind.STEP, "checkout.2", "shop"), started, sagaId),
                new Restored(new HandlerCall(sagaId, Kind.COMPENSATION, "checkout.0", "shop"), started, sagaId));
        assertThat(bank.of(sagaId)).containsExactly(
                new Restored(new HandlerCall(sagaId, Kind.PARTICIPANT, "debit", "bank"), started, sagaId),
                new Restored(new HandlerCall(sagaId, Kind.PARTICIPANT_COMPENSATION, "refund", "bank"), started,
                        sagaId));
    }

    @Test
    void messagesWithoutOrWithGarbageTraceHeadersAreHandledWithEmptyHeaders() {
        ThreadLocalPropagation payments = new ThreadLocalPropagation();
        Queue<String> handled = new ConcurrentLinkedQueue<>();
        nodes.start(options("payment"), builder -> builder.propagation(payments)
                .listener(SagaListener.on(SagaPhase.START, OrderPlaced.class, event -> handled.add(event.sagaId()))));
        KeySpace keys = new KeySpace(namespace);
        SagaCodec codec = SagaCodec.jackson();
        RedisClient client = RedisClient.create(redis.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            for (String sagaId : List.of("older-0", "garbage-0", "huge-0")) {
                Map<String, String> entry = new LinkedHashMap<>(Map.of("s", sagaId, "p", "S", "t", "OrderPlaced",
                        "e", codec.encode(new OrderPlaced(sagaId)), "g", "order", "n", "order-node"));
                if (sagaId.startsWith("garbage")) {
                    entry.put("hd", "%zz&=&no-pair");
                } else if (sagaId.startsWith("huge")) {
                    entry.put("hd", "traceparent=" + "x".repeat(TracePropagation.MAX_ENCODED_CHARS));
                }
                connection.sync().xadd(keys.events(0), entry);
            }
        } finally {
            client.shutdown();
        }

        await().atMost(TIMEOUT).until(() -> handled.size() == 3);
        assertThat(handled).containsExactlyInAnyOrder("older-0", "garbage-0", "huge-0");
        assertThat(payments.restored).extracting(Restored::headers).containsOnly(Map.of());
    }

    @Test
    void netxsOwnContinuationOfAnAsyncHandlerHasTheSagaIdInTheMdc() {
        CompletableFuture<Object> work = new CompletableFuture<>();
        Queue<String> observed = new ConcurrentLinkedQueue<>();
        Queue<String> started = new ConcurrentLinkedQueue<>();
        NetxObserver observer = new NetxObserver() {
            @Override
            public void handled(SagaPhase phase, String eventType, Duration duration, Throwable failure) {
                observed.add(String.valueOf(MDC.get("sagaId")));
            }
        };
        Netx payment = nodes.start(options("payment"), builder -> builder.observer(observer)
                .listener(SagaListener.onAsync(SagaPhase.START, OrderPlaced.class, event -> {
                    started.add(event.sagaId());
                    return work;
                })));
        String sagaId = payment.sagaManager().startSync(new OrderPlaced("o-2"));
        await().atMost(TIMEOUT).until(() -> started.contains(sagaId));

        // completed here, on the test's thread, where the MDC holds no saga id
        work.complete(null);

        await().atMost(TIMEOUT).until(() -> !observed.isEmpty());
        assertThat(observed).containsExactly(sagaId);
        assertThat(MDC.get("sagaId")).isNull();
    }
}
