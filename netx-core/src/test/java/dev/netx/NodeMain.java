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
 * transaction.
 *
 * <p>Arguments: redis-uri namespace node-name orphan-timeout-millis role [jdbc-url]
 */
public final class NodeMain {

    private NodeMain() {
    }

    /** The event of the test flows: how long the payment takes. */
    public record Payment(String orderId, long workMillis) {
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            netx.close();
            client.shutdown();
        }));
        netx.start();
        System.out.println("READY " + options.nodeName());
        System.out.flush();
        Thread.currentThread().join();
    }
}
