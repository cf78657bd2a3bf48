package dev.netx.spring.autoconfigure;

import dev.netx.SagaEvent;
import dev.netx.spring.SagaJoin;
import dev.netx.spring.SagaStart;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

/** Listener beans declared wrongly, each in its own way. */
final class WronglyDeclaredListeners {

    private WronglyDeclaredListeners() {
    }

    static class TwoParameters {
        @SagaStart
        void on(OrderPlaced order, String extra) {
        }
    }

    static class NoParameter {
        @SagaStart
        void on() {
        }
    }

    static class PrimitiveParameter {
        @SagaStart
        void on(int amount) {
        }
    }

    static class ReturnsAFuture {
        @SagaStart
        Future<PaymentDone> on(OrderPlaced order) {
            return CompletableFuture.completedFuture(null);
        }
    }

    static class ReturnsAFlux {
        @SagaStart
        Flux<PaymentDone> on(OrderPlaced order) {
            return Flux.empty();
        }
    }

    static class MismatchedEvent {
        @SagaStart(event = OrderPlaced.class)
        void on(PaymentDone payment) {
        }
    }

    static class TwoPhases {
        @SagaStart
        @SagaJoin
        void on(OrderPlaced order) {
        }
    }

    static class StaticMethod {
        @SagaStart
        static void on(OrderPlaced order) {
        }
    }

    static class DuplicateListeners {
        @SagaStart
        void on(OrderPlaced order) {
        }

        @SagaStart
        void alsoOn(SagaEvent<OrderPlaced> order) {
        }
    }

    static class PrivateMethod {
        @SagaStart
        private void on(OrderPlaced order) {
        }
    }

    /** A private listener method on a bean behind a class-based proxy, which cannot call it. */
    @Configuration(proxyBeanMethods = false)
    static class ProxiedPrivateMethod {

        @Bean
        PrivateMethod proxied() {
            ProxyFactory proxy = new ProxyFactory(new PrivateMethod());
            proxy.setProxyTargetClass(true);
            return (PrivateMethod) proxy.getProxy();
        }
    }
}
