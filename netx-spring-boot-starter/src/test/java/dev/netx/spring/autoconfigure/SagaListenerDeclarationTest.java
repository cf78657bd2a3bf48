package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netx.Netx;
import dev.netx.SagaEvent;
import dev.netx.SagaManager;
import dev.netx.SagaPhase;
import dev.netx.SuccessWith;
import dev.netx.spring.SagaCommit;
import dev.netx.spring.SagaJoin;
import dev.netx.spring.SagaRollback;
import dev.netx.spring.SagaStart;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import reactor.core.publisher.Mono;

/** Annotated methods become the node's listeners; a method declared wrongly fails start-up naming it. */
class SagaListenerDeclarationTest {

    @Test
    void readsPhaseEventTypeSuccessWithAndNoRollbackForFromTheAnnotations() {
        Contexts.unstarted().withBean(Listeners.class).run(context -> {
            assertThat(context).hasNotFailed();
            Map<String, SagaListenerMethod> methods = context.getBean(SagaListenerMethodProcessor.class).scan()
                    .stream().collect(Collectors.toMap(m -> m.method().getName(), m -> m));
            assertThat(methods).containsOnlyKeys("debit", "confirm", "ship", "refund", "audit");
            assertThat(methods.get("debit").declaration()).isEqualTo(new ListenerDeclaration(SagaPhase.START,
                    Object.class, SuccessWith.PUBLISH_JOIN, List.of(DuplicatePaymentException.class)));
            assertThat(methods.get("debit").eventType()).isEqualTo(OrderPlaced.class);
            assertThat(methods.get("confirm").eventType()).isEqualTo(PaymentDone.class);
            assertThat(methods.get("confirm").declaration().successWith()).isEqualTo(SuccessWith.PUBLISH_COMMIT);
            assertThat(methods.get("ship").eventType()).isEqualTo(PaymentDone.class);
            assertThat(methods.get("refund").declaration().phase()).isEqualTo(SagaPhase.ROLLBACK);
            assertThat(methods.get("refund").eventType()).isEqualTo(OrderPlaced.class);
            assertThat(methods.get("audit").eventType()).isEqualTo(Object.class);
        });
    }

    @Test
    void findsListenersOfLazyBeansAndOfBeansThatNeedTheSagaManagerWithoutCreatingThem() {
        Contexts.unstarted().withUserConfiguration(LazyListenerConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(Netx.class);
            assertThat(context.getBean(SagaListenerMethodProcessor.class).scan())
                    .extracting(SagaListenerMethod::beanName).containsExactly("lazyListener");
            assertThat(context.getBeanFactory().getSingleton("lazyListener")).isNull();
        });
    }

    @ParameterizedTest
    @MethodSource("wronglyDeclared")
    void failsStartUpNamingAWronglyDeclaredMethod(Class<?> listener, String message) {
        Contexts.unstarted().withUserConfiguration(listener).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(message);
        });
    }

    static Stream<Arguments> wronglyDeclared() {
        return Stream.of(
                wrongly("TwoParameters", "TwoParameters.on(OrderPlaced, String) is declared wrongly: it must take"
                        + " exactly one parameter"),
                wrongly("NoParameter", "NoParameter.on() is declared wrongly: it must take exactly one parameter"),
                wrongly("PrimitiveParameter", "PrimitiveParameter.on(int) is declared wrongly: its parameter must be"),
                wrongly("ReturnsAFuture", "ReturnsAFuture.on(OrderPlaced) is declared wrongly: it returns a Future"),
                wrongly("ReturnsAFlux", "ReturnsAFlux.on(OrderPlaced) is declared wrongly: it returns a Flux"),
                wrongly("MismatchedEvent", "MismatchedEvent.on(PaymentDone) is declared wrongly: it declares event "
                        + OrderPlaced.class.getName() + " but accepts " + PaymentDone.class.getName()),
                wrongly("TwoPhases", "TwoPhases.on(OrderPlaced) is declared wrongly: a method can listen to one"
                        + " phase only"),
                wrongly("StaticMethod", "StaticMethod.on(OrderPlaced) is declared wrongly: it must not be static"),
                Arguments.of(WronglyDeclaredListeners.DuplicateListeners.class, "Two START saga listeners for"
                        + " OrderPlaced in one group: " + WronglyDeclaredListeners.class.getName()),
                wrongly("ProxiedPrivateMethod", "PrivateMethod.on(OrderPlaced) cannot be called on bean 'proxied'"));
    }

    private static Arguments wrongly(String fixture, String message) {
        String prefix = WronglyDeclaredListeners.class.getName() + "$";
        try {
            return Arguments.of(Class.forName(prefix + fixture), "Saga listener method " + prefix + message);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void failsStartUpWhenABeansDeclaredTypeHidesItsListenerMethods() {
        Contexts.unstarted().withUserConfiguration(HiddenListenerConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining(Listeners.class.getName() + ".debit(OrderPlaced)")
                    .hasMessageContaining("of bean 'hidden' were not visible from the bean's declared type");
        });
    }

    static class Listeners {

        @SagaStart(successWith = SuccessWith.PUBLISH_JOIN, noRollbackFor = DuplicatePaymentException.class)
        PaymentDone debit(OrderPlaced order) {
            return new PaymentDone(order.orderId());
        }

        @SagaJoin(successWith = SuccessWith.PUBLISH_COMMIT)
        CompletableFuture<String> confirm(SagaEvent<PaymentDone> event) {
            return CompletableFuture.completedFuture("confirmed");
        }

        @SagaCommit(event = PaymentDone.class)
        Mono<Void> ship(Object event) {
            return Mono.empty();
        }

        @SagaRollback
        void refund(OrderPlaced order) {
        }

        @SagaJoin
        void audit(SagaEvent<?> event) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LazyListenerConfiguration {

        @Bean
        @Lazy
        LazyListener lazyListener(SagaManager sagas) {
            return new LazyListener(sagas);
        }
    }

    record LazyListener(SagaManager sagas) {

        @SagaStart
        void on(OrderPlaced order) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HiddenListenerConfiguration {

        @Bean
        Object hidden(Netx netx) {
            return new Listeners();
        }
    }
}
