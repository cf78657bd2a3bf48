package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisBinary;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Services deployed in any order: what was sent to a group before its first node ever started waits
 * for it, visibly, and runs when it starts; a listening group that starts late takes part in the
 * sagas that start after it, and does not replay earlier ones.
 */
@RedisTest
class FirstStartIT {

    private static final int SAGAS = 20;

    private static NetxOptions options(String namespace, String group) {
        return NetxOptions.builder(group).namespace(namespace).shards(4).orphanTimeout(Duration.ofSeconds(1))
                .pollTimeout(Duration.ofMillis(200)).trimInterval(Duration.ofMillis(200)).build();
    }

    @Test
    void sagasSentToAGroupBeforeItFirstStartedWaitVisiblyAndRunWhenItStarts(RedisServer redis) {
        waitVisiblyAndRunWhenTheGroupStarts(redis);
    }

    /** Redis 6.2 reports no lag of a group: what waits is counted from the stream. */
    @Test
    void onRedis62TooSagasSentToAGroupBeforeItFirstStartedWaitVisiblyAndRunWhenItStarts() {
        try (RedisLauncher launcher = new RedisLauncher(RedisBinary.embedded())) {
            waitVisiblyAndRunWhenTheGroupStarts(launcher.standalone());
        }
    }

    private static void waitVisiblyAndRunWhenTheGroupStarts(RedisServer redis) {
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx order = nodes.start(options("late-participant", "order"), builder -> {
            });
            Orchestrator<String, String> reserve = order.orchestrators().create("reserve", String.class)
                    .start(Step.<String, String>remote("inventory", "reserve", String.class))
                    .commit(Step.local(String.class, (String reserved, SagaContext c) -> reserved));
            List<CompletableFuture<Result<String>>> calls = new ArrayList<>();
            SagaCall call = SagaCall.defaults().withTimeout(Duration.ofSeconds(60));
            for (int i = 0; i < SAGAS; i++) {
                calls.add(reserve.saga("p" + i, call));
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(order.status().unattendedGroups())
                    .singleElement().satisfies(inventory -> {
                        assertThat(inventory.group()).isEqualTo("inventory");
                        assertThat(inventory.liveNodes()).isZero();
                        assertThat(inventory.waiting()).isEqualTo(SAGAS);
                        assertThat(inventory.started()).isFalse();
                    }));
            assertThat(calls).noneMatch(CompletableFuture::isDone);

            nodes.start(options("late-participant", "inventory"), builder -> builder.participant(
                    ParticipantHandler.of("reserve", String.class, (String sku, SagaContext c) -> sku + " reserved")));

            for (int i = 0; i < SAGAS; i++) {
                assertThat(calls.get(i).join().get()).isEqualTo("p" + i + " reserved");
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(order.status().calledGroups())
                    .singleElement().satisfies(inventory -> {
                        assertThat(inventory.liveNodes()).isEqualTo(1);
                        assertThat(inventory.waiting()).isZero();
                        assertThat(inventory.started()).isTrue();
                        assertThat(inventory.unattended()).isFalse();
                    }));
        }
    }

    @Test
    void aCompensationSentToAGroupBeforeItFirstStartedRunsWhenItStarts(RedisServer redis) {
        Queue<String> released = new ConcurrentLinkedQueue<>();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx payment = nodes.start(options("late-compensation", "payment"), builder -> builder
                    .participant(ParticipantHandler.of("debit", String.class, (String order, SagaContext c) -> {
                        throw new IllegalStateException("card declined for " + order);
                    })));
            Netx order = nodes.start(options("late-compensation", "order"), builder -> {
            });
            // inventory reserves first, then payment fails: the release waits for inventory's first node
            Orchestrator<String, String> place = order.orchestrators().create("place", String.class)
                    .start(Step.local(String.class, (String o, SagaContext c) -> o))
                    .join(Step.remote("inventory", "reserve", String.class, "release"))
                    .join(Step.remote("payment", "debit", String.class))
                    .commit(Step.local(String.class, (String o, SagaContext c) -> o));
            CompletableFuture<Result<String>> call = place.saga("o1", SagaCall.defaults()
                    .withTimeout(Duration.ofSeconds(60)));
            await().atMost(Duration.ofSeconds(20)).until(() -> !order.status().unattendedGroups().isEmpty());

            nodes.start(options("late-compensation", "inventory"), builder -> builder
                    .participant(ParticipantHandler.of("reserve", String.class, (String o, SagaContext c) -> o))
                    .participant(ParticipantHandler.of("release", String.class, (String o, SagaContext c) -> {
                        released.add(o);
                        return null;
                    })));

            Result<String> result = call.join();
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.failure()).hasMessageContaining("card declined for o1");
            assertThat(released).containsExactly("o1");
            assertThat(payment.status().calledGroups()).isEmpty();
        }
    }

    @Test
    void aListeningGroupStartedLateTakesPartFromItsFirstStartOnAndDoesNotReplayEarlierSagas(RedisServer redis) {
        Queue<String> audited = new ConcurrentLinkedQueue<>();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx shop = nodes.start(options("late-listener", "shop"),
                    SagaListener.on(SagaPhase.START, String.class, e -> e.event()).successWith(SuccessWith.PUBLISH_COMMIT));
            String before = shop.sagaManager().start("before").join();
            await().atMost(Duration.ofSeconds(20)).until(() -> shop.sagaManager().outcome(before).join().isFinished());

            nodes.start(options("late-listener", "audit"), SagaListener.on(SagaPhase.START, String.class, e -> {
                audited.add(e.event());
                return null;
            }));
            String after = shop.sagaManager().start("after").join();

            await().atMost(Duration.ofSeconds(20)).until(() -> audited.contains("after"));
            assertThat(shop.sagaManager().outcome(after).join().isFinished()).isTrue();
            assertThat(audited).containsExactly("after");
        }
    }
}
