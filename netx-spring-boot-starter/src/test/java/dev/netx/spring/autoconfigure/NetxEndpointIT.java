package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.DeadLetter;
import dev.netx.Netx;
import dev.netx.SagaManager;
import dev.netx.SagaState;
import dev.netx.SuccessWith;
import dev.netx.spring.SagaRollback;
import dev.netx.spring.SagaStart;
import dev.netx.spring.endpoint.NetxEndpoint;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The {@code netx} endpoint reads sagas and lists, relays and deletes dead letters. */
@RedisTest
class NetxEndpointIT {

    @Test
    void readsASagaAndListsRelaysAndDeletesDeadLetters(RedisServer redis) {
        try (ConfigurableApplicationContext app = Apps.run(ShopApplication.class, redis, "netx.group=shop",
                "netx.orphan-timeout=1s", "netx.max-deliveries=1", "spring.jmx.enabled=true",
                "management.endpoints.jmx.exposure.include=netx", "management.endpoint.netx.access=unrestricted")) {
            NetxEndpoint endpoint = app.getBean(NetxEndpoint.class);
            ShopListeners listeners = app.getBean(ShopListeners.class);
            SagaManager sagas = app.getBean(SagaManager.class);
            String committed = sagas.startSync(new OrderPlaced("fine", 1));
            String stuck = sagas.startSync(new OrderPlaced("stuck-1", 5000));
            sagas.startSync(new OrderPlaced("stuck-2", 5000));

            await().atMost(Duration.ofSeconds(20)).until(() -> endpoint.node(null).deadLetters().size() == 2);
            assertThat(endpoint.saga(committed)).isEqualTo(new NetxEndpoint.SagaDescriptor(committed,
                    SagaState.COMMITTED, true, null, null));
            assertThat(endpoint.saga(stuck)).satisfies(saga -> {
                assertThat(saga.state()).isEqualTo(SagaState.ROLLED_BACK);
                assertThat(saga.failure()).contains("CardDeclinedException", "declined stuck-1");
            });
            assertThat(endpoint.saga("0190abcdef-1")).isNull();
            NetxEndpoint.NodeDescriptor node = endpoint.node(1);
            assertThat(node.group()).isEqualTo("shop");
            assertThat(node.status().running()).isTrue();
            assertThat(node.deadLetters()).hasSize(1);

            DeadLetter first = endpoint.node(null).deadLetters().get(0);
            DeadLetter second = endpoint.node(null).deadLetters().get(1);
            listeners.undoable.set(true);
            assertThat(endpoint.relay(first.id()))
                    .isEqualTo(new NetxEndpoint.DeadLetterAction(first.id(), "relay", true));
            assertThat(endpoint.delete(second.id()).found()).isTrue();
            assertThat(endpoint.delete(second.id()).found()).isFalse();
            await().atMost(Duration.ofSeconds(20)).until(() -> listeners.undone.get());
            assertThat(endpoint.node(null).deadLetters()).isEmpty();
            assertThat(app.getBean(Netx.class).status().running()).isTrue();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(ShopListeners.class)
    static class ShopApplication {
    }

    static class ShopListeners {
        final AtomicBoolean undoable = new AtomicBoolean();
        final AtomicBoolean undone = new AtomicBoolean();

        @SagaStart(successWith = SuccessWith.PUBLISH_COMMIT)
        void check(OrderPlaced order) {
            if (order.amount() > 1000) {
                throw new CardDeclinedException("declined " + order.orderId());
            }
        }

        @SagaRollback
        void undo(OrderPlaced order) {
            if (!undoable.get()) {
                throw new IllegalStateException("cannot undo " + order.orderId() + " yet");
            }
            undone.set(true);
        }
    }
}
