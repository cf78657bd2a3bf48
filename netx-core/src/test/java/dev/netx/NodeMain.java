package dev.netx;

import dev.netx.jdbc.JdbcIdempotency;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Map;

/**
 * A payment node in its own JVM, for tests that kill or freeze real processes. Role {@code payment}:
 * its start listener counts each call in Redis ({@code test:calls:<namespace>} by saga id), may
 * simulate slow work, and publishes the commit. Role {@code refund}: its rollback listener refunds in
 * a shared H2 database through {@link JdbcIdempotency}, and may simulate slow work inside the
 * transaction. Role {@code chain}: the orchestrator {@link #chain} of three local steps; it starts
 * one saga and halts the JVM (as kill -9 would) inside its second step.
 *
 * <p>Arguments: redis-uri namespace node-name orphan-timeout-millis role [jdbc-url]
 */
public final class NodeMain {

    private NodeMain() {
    }

    /** The event of the test flows: how long the payment takes. */
    public record Payment(String orderId, long workMillis) {
    }

    /**
     * Three local steps that count their runs per saga in {@code test:steps:<namespace>} (field
     * {@code <saga>:<step>}); the second halts the JVM when {@code halt}. Defined once per node.
     */
    static Orchestrator<String, String> chain(OrchestratorFactory factory, RedisCommands<String, String> tracker,
            String namespace, boolean halt) {
        java.util.function.BiFunction<Integer, SagaContext, Void> count = (step, context) -> {
            tracker.hincrby("test:steps:" + namespace, context.sagaId() + ":" + step, 1);
            return null;
        };
        return factory.create("chain", String.class)
                .start(Step.local(String.class, (String in, SagaContext c) -> {
                    count.apply(0, c);
                    return in + "+";
                }, (in, c) -> count.apply(-1, c)))
                .join(Step.local(String.class, (String in, SagaContext c) -> {
                    count.apply(1, c);
                    if (halt) {
                        Runtime.getRuntime().halt(9);
                    }
                    return in + "+";
                }))
                .commit(Step.local(String.class, (String in, SagaContext c) -> {
                    count.apply(2, c);
                    return in + "+";
                }));
    }

    public static void main(String[] args) throws Exception {
        RedisURI uri = RedisURI.create(args[0]);
        String namespace = args[1];
        RedisClient client = NetxClients.standalone(uri);
        RedisCommands<String, String> tracker = client.connect().sync();
        NetxOptions options = NetxOptions.builder("payment").namespace(namespace).nodeName(args[2])
                .orphanTimeout(Duration.ofMillis(Long.parseLong(args[3]))).pollTimeout(Duration.ofMillis(200)).build();
        Netx.Builder builder = Netx.builder(client, options);
        if ("refund".equals(args[4])) {
            builder.listener(Refunds.listener(new Refunds(args[5]), tracker, namespace, options.nodeName()));
        } else if ("payment-participant".equals(args[4])) {
            Refunds refunds = new Refunds(args[5]);
            builder.participant(ParticipantHandler.of("debit", Payment.class, (payment, context) -> {
                tracker.hincrby("test:calls:" + namespace, context.sagaId(), 1);
                return payment;
            }));
            builder.participant(ParticipantHandler.of("refund", Payment.class, (payment, context) ->
                    refunds.refund(context.idempotencyKey(), context.sagaId(), 1, 0)));
        } else {
            builder.listener(SagaListener.on(SagaPhase.START, Payment.class, event -> {
                    tracker.hincrby("test:calls:" + namespace, event.sagaId(), 1);
                    long work = event.event().workMillis();
                    if (work > 0) {
                        tracker.hset("test:working:" + namespace, Map.of(event.sagaId(), options.nodeName()));
                        Thread.sleep(work); // simulated work, long enough to be frozen in
                    }
                    return event.event();
                }).successWith(SuccessWith.PUBLISH_COMMIT));
        }
        Netx netx = builder.build();
        Orchestrator<String, String> doomed = "chain".equals(args[4])
                ? chain(netx.orchestrators(), tracker, namespace, true) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            netx.close();
            client.shutdown();
        }));
        netx.start();
        System.out.println("READY " + options.nodeName());
        System.out.flush();
        if (doomed != null) {
            doomed.saga("order-1");
        }
        Thread.currentThread().join();
    }
}
