package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netx.Orchestrator;
import dev.netx.OrchestratorFactory;
import dev.netx.Result;
import dev.netx.SagaContext;
import dev.netx.Step;
import dev.netx.spring.SagaParticipant;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An orchestrator bean of one application calls {@code @SagaParticipant} methods of another, through
 * Redis only; a failing remote step compensates the one before it and reaches the caller as its own type.
 */
@dev.netx.test.RedisTest
class OrchestrationAcrossApplicationsIT {

    private static ConfigurableApplicationContext order;
    private static ConfigurableApplicationContext payment;
    private static final Queue<String> refunds = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void startApplications(RedisLauncher launcher) {
        RedisServer redis = launcher.standalone();
        payment = Apps.run(PaymentApplication.class, redis, "netx.group=payment");
        order = Apps.run(OrderApplication.class, redis, "netx.group=order");
    }

    @AfterAll
    static void stopApplications() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {order, payment}) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOrchestratorBeanCallsParticipantMethodsOfAnotherApplication() {
        Orchestrator<Long, String> charge = order.getBean("charge", Orchestrator.class);

        Result<String> paid = charge.sagaSync(40L);
        Result<String> declined = charge.sagaSync(5_000L);

        assertThat(paid.get()).isEqualTo("debited 40 then captured 40");
        assertThatThrownBy(declined::get).isInstanceOf(CardDeclinedException.class);
        assertThat(refunds).containsExactly("hold 5000 released");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class OrderApplication {

        @Bean
        Orchestrator<Long, String> charge(OrchestratorFactory factory) {
            return factory.create("charge", Long.class)
                    .start(Step.remote("payment", "hold", Long.class, "release"))
                    .join(Step.remote("payment", "debit", String.class))
                    .commit(Step.local(String.class, (String debited, SagaContext context) -> debited));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class PaymentApplication {

        @Bean
        Payments payments() {
            return new Payments();
        }
    }

    /** Participant handlers: plain, with a context, and asynchronous. */
    static class Payments {

        @SagaParticipant("hold")
        public Long hold(Long amount) {
            return amount;
        }

        @SagaParticipant("release")
        public void release(Long amount, SagaContext context) {
            refunds.add("hold " + amount + " released");
        }

        @SagaParticipant("debit")
        public CompletionStage<String> debit(Long amount) {
            if (amount > 1_000) {
                return CompletableFuture.failedFuture(new CardDeclinedException("over the limit: " + amount));
            }
            return CompletableFuture.completedFuture("debited " + amount + " then captured " + amount);
        }
    }
}
