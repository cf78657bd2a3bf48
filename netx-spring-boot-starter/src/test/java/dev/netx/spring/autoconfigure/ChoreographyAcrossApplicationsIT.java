package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.SagaEvent;
import dev.netx.SagaManager;
import dev.netx.SagaOutcome;
import dev.netx.SagaState;
import dev.netx.SuccessWith;
import dev.netx.spring.SagaCommit;
import dev.netx.spring.SagaJoin;
import dev.netx.spring.SagaRollback;
import dev.netx.spring.SagaStart;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisServerOptions;
import dev.netx.test.RedisTest;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Mono;

/**
 * Two applications, each with its own context and group, run sagas through annotated listeners: the
 * order application (all beans lazy) reaches Redis through {@code spring.data.redis.*}, the payment
 * application (handlers on its own executor) through {@code netx.redis.url}, both as an ACL user (the
 * default user may only ping).
 */
@RedisTest
class ChoreographyAcrossApplicationsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static ConfigurableApplicationContext order;
    private static ConfigurableApplicationContext payment;

    @BeforeAll
    static void startApplications(RedisLauncher launcher) {
        RedisServer redis = launcher.standalone(RedisServerOptions.defaults().withExtraArgs(
                "--user", "default", "reset", "on", "nopass", "~*", "+ping", "+hello",
                "--user", "netx", "on", ">s3cret", "~*", "&*", "+@all"));
        // Lazy beans: the order listeners are created by the first message they get.
        order = Apps.run(OrderApplication.class, redis, "netx.group=order", "spring.main.lazy-initialization=true",
                "spring.data.redis.username=netx", "spring.data.redis.password=s3cret");
        payment = Apps.run(PaymentApplication.class, redis, "netx.group=payment", "spring.data.redis.port=1",
                "netx.redis.url=redis://netx:s3cret@127.0.0.1:" + redis.port());
    }

    @AfterAll
    static void stopApplications() {
        if (payment != null) {
            payment.close();
        }
        if (order != null) {
            order.close();
        }
    }

    @Test
    void commitsASagaThatCrossesTwoApplications() {
        String sagaId = order.getBean(SagaManager.class).startSync(new OrderPlaced("o-1", 300));

        SagaOutcome outcome = order.getBean(SagaManager.class).awaitOutcomeSync(sagaId, TIMEOUT);

        assertThat(outcome.state()).isEqualTo(SagaState.COMMITTED);
        assertThat(payment.getBean(PaymentListeners.class).debits).filteredOn(call -> call.sagaId().equals(sagaId))
                .singleElement().satisfies(call -> {
                    assertThat(call.mdcSagaId()).isEqualTo(sagaId);
                    assertThat(call.thread()).startsWith("payment-handler-");
                });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(order.getBean(OrderListeners.class).commits)
                .contains(new Call(sagaId, sagaId, "o-1")));
    }

    @Test
    void rollsBackInEveryGroupThatTookPartWhenAListenerFails() {
        String sagaId = order.getBean(SagaManager.class).startSync(new OrderPlaced("o-2", 5000));

        SagaOutcome outcome = order.getBean(SagaManager.class).awaitOutcomeSync(sagaId, TIMEOUT);

        assertThat(outcome.state()).isEqualTo(SagaState.ROLLED_BACK);
        // The application's package is trusted by default: the caller gets the listener's own exception.
        assertThat(outcome.failure()).isInstanceOf(CardDeclinedException.class).hasMessage("card declined for o-2");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(payment.getBean(PaymentListeners.class).refunds).containsOnlyOnce(sagaId);
            assertThat(order.getBean(OrderListeners.class).cancellations).containsOnlyOnce(sagaId);
        });
    }

    @Test
    void anExceptionListedInNoRollbackForEndsTheStepWithoutARollback() {
        String sagaId = order.getBean(SagaManager.class).startSync(new OrderPlaced("o-3", 0));

        await().atMost(TIMEOUT).until(() -> payment.getBean(PaymentListeners.class).debits.stream()
                .anyMatch(call -> call.sagaId().equals(sagaId)));
        await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() ->
                order.getBean(SagaManager.class).outcomeSync(sagaId).state() == SagaState.STARTED);
        assertThat(payment.getBean(PaymentListeners.class).refunds).doesNotContain(sagaId);
    }

    /** A listener call: the saga, the saga id in the MDC, and a detail. */
    record Call(String sagaId, String mdcSagaId, String thread) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(OrderListeners.class)
    static class OrderApplication {
    }

    static class OrderListeners {
        final Queue<Call> commits = new ConcurrentLinkedQueue<>();
        final Queue<String> cancellations = new ConcurrentLinkedQueue<>();

        @SagaJoin(successWith = SuccessWith.PUBLISH_COMMIT)
        CompletableFuture<OrderConfirmed> confirm(PaymentDone payment) {
            return CompletableFuture.supplyAsync(() -> new OrderConfirmed(payment.orderId()));
        }

        @SagaCommit
        void committed(SagaEvent<OrderConfirmed> event) {
            commits.add(new Call(event.sagaId(), MDC.get("sagaId"), event.event().orderId()));
        }

        @SagaRollback(event = OrderPlaced.class)
        void cancel(SagaEvent<?> event) {
            cancellations.add(event.sagaId());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PaymentListeners.class)
    static class PaymentApplication {

        @Bean(name = NetxAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME, destroyMethod = "shutdownNow")
        ExecutorService paymentHandlers() {
            AtomicInteger threads = new AtomicInteger();
            return Executors.newFixedThreadPool(4,
                    task -> new Thread(task, "payment-handler-" + threads.incrementAndGet()));
        }
    }

    static class PaymentListeners {
        final Queue<Call> debits = new ConcurrentLinkedQueue<>();
        final Queue<String> refunds = new ConcurrentLinkedQueue<>();

        @SagaStart(successWith = SuccessWith.PUBLISH_JOIN, noRollbackFor = DuplicatePaymentException.class)
        Mono<PaymentDone> debit(SagaEvent<OrderPlaced> event) {
            debits.add(new Call(event.sagaId(), MDC.get("sagaId"), Thread.currentThread().getName()));
            OrderPlaced order = event.event();
            if (order.amount() == 0) {
                throw new DuplicatePaymentException("already paid: " + order.orderId());
            }
            if (order.amount() > 1000) {
                return Mono.error(new CardDeclinedException("card declined for " + order.orderId()));
            }
            return Mono.just(new PaymentDone(order.orderId()));
        }

        @SagaRollback
        void refund(SagaEvent<OrderPlaced> event) {
            refunds.add(event.sagaId());
        }
    }
}
