package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.SagaEvent;
import dev.netx.SagaManager;
import dev.netx.SagaState;
import dev.netx.SuccessWith;
import dev.netx.spring.SagaJoin;
import dev.netx.spring.SagaStart;
import dev.netx.spring.tracing.MicrometerTracingPropagation;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanReporter;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Mono;

/**
 * Two applications with Spring Boot's Brave tracing: a saga started inside a span is handled in the
 * other application in a child span of the same trace, and what that handler publishes continues the
 * trace back in the first; a {@code Mono} handler's continuation on another thread has the saga id in
 * the MDC, and its span ends when the {@code Mono} completes.
 */
@RedisTest
class TracingAcrossApplicationsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DELAY = Duration.ofMillis(50);
    private static final String SAMPLE_ALL = "management.tracing.sampling.probability=1.0";
    private static final String NAMESPACE = "netx.namespace=tracing";

    @Test
    void aSagaStartedInASpanIsHandledInTheOtherApplicationUnderTheSameTrace(RedisServer redis) {
        try (ConfigurableApplicationContext order = Apps.run(OrderApplication.class, redis, "netx.group=order",
                NAMESPACE, SAMPLE_ALL);
                ConfigurableApplicationContext payment = Apps.run(PaymentApplication.class, redis,
                        "netx.group=payment", NAMESPACE, SAMPLE_ALL)) {
            Tracer tracer = order.getBean(Tracer.class);
            Span checkout = tracer.nextSpan().name("checkout").start();
            String sagaId;
            try (Tracer.SpanInScope ignored = tracer.withSpan(checkout)) {
                sagaId = order.getBean(SagaManager.class).startSync(new OrderPlaced("o-1", 300));
            } finally {
                checkout.end();
            }

            assertThat(order.getBean(SagaManager.class).awaitOutcomeSync(sagaId, TIMEOUT).state())
                    .isEqualTo(SagaState.COMMITTED);
            FinishedSpan debit = await().atMost(TIMEOUT)
                    .until(() -> span(payment, "netx start OrderPlaced", sagaId), span -> span != null);
            assertThat(debit.getTraceId()).isEqualTo(checkout.context().traceId());
            assertThat(debit.getParentId()).isEqualTo(checkout.context().spanId());
            assertThat(debit.getKind()).isEqualTo(Span.Kind.CONSUMER);
            assertThat(debit.getTags()).containsEntry(MicrometerTracingPropagation.SAGA_ID_TAG, sagaId)
                    .containsEntry(MicrometerTracingPropagation.GROUP_TAG, "payment");
            // the span lasts until the Mono completed, after its delay
            assertThat(Duration.between(debit.getStartTimestamp(), debit.getEndTimestamp())).isGreaterThan(DELAY);
            FinishedSpan confirm = await().atMost(TIMEOUT)
                    .until(() -> span(order, "netx join PaymentDone", sagaId), span -> span != null);
            assertThat(confirm.getTraceId()).isEqualTo(checkout.context().traceId());
            assertThat(confirm.getParentId()).isEqualTo(debit.getSpanId());
            assertThat(payment.getBean(PaymentListeners.class).continuations).singleElement().satisfies(call -> {
                assertThat(call.mdcSagaId()).isEqualTo(sagaId);
                assertThat(call.thread()).startsWith("parallel-");
            });
        }
    }

    private static FinishedSpan span(ConfigurableApplicationContext context, String name, String sagaId) {
        return context.getBean(Spans.class).finished.stream()
                .filter(span -> span.getName().equals(name)
                        && sagaId.equals(span.getTags().get(MicrometerTracingPropagation.SAGA_ID_TAG)))
                .findFirst().orElse(null);
    }

    /** Every span the application finished. */
    static class Spans implements SpanReporter {
        final Queue<FinishedSpan> finished = new ConcurrentLinkedQueue<>();

        @Override
        public void report(FinishedSpan span) {
            finished.add(span);
        }
    }

    /** A listener's continuation: the saga, the saga id in the MDC there, its thread. */
    record Continuation(String sagaId, String mdcSagaId, String thread) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(OrderListeners.class)
    static class OrderApplication {

        @Bean
        Spans spans() {
            return new Spans();
        }
    }

    static class OrderListeners {

        @SagaJoin(successWith = SuccessWith.PUBLISH_COMMIT)
        CompletableFuture<OrderConfirmed> confirm(PaymentDone payment) {
            return CompletableFuture.supplyAsync(() -> new OrderConfirmed(payment.orderId()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PaymentListeners.class)
    static class PaymentApplication {

        @Bean
        Spans spans() {
            return new Spans();
        }
    }

    static class PaymentListeners {
        final Queue<Continuation> continuations = new ConcurrentLinkedQueue<>();

        @SagaStart(successWith = SuccessWith.PUBLISH_JOIN)
        Mono<PaymentDone> debit(SagaEvent<OrderPlaced> event) {
            // delayElement goes on on one of Reactor's parallel threads; handle restores the MDC there
            return Mono.just(event.event().orderId()).delayElement(DELAY)
                    .handle((orderId, sink) -> {
                        continuations.add(new Continuation(event.sagaId(), MDC.get("sagaId"),
                                Thread.currentThread().getName()));
                        sink.next(new PaymentDone(orderId));
                    });
        }
    }
}
