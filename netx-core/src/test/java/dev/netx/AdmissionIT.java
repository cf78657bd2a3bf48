package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Admission control: a node refuses new sagas, before writing anything, while Redis is nearly full
 * or a group they call has too much waiting, and keeps the sagas it accepted moving.
 */
@RedisTest
class AdmissionIT {

    private static NetxOptions options(String namespace, String group, AdmissionOptions admission) {
        return NetxOptions.builder(group).namespace(namespace).shards(2).orphanTimeout(Duration.ofSeconds(1))
                .pollTimeout(Duration.ofMillis(200)).trimInterval(Duration.ofMillis(200)).admission(admission)
                .build();
    }

    private static Orchestrator<String, String> reserve(Netx node) {
        return node.orchestrators().create("reserve", String.class)
                .start(Step.<String, String>remote("inventory", "reserve", String.class))
                .commit(Step.local(String.class, (String reserved, SagaContext c) -> reserved));
    }

    private static Netx inventory(Nodes nodes, String namespace) {
        return nodes.start(options(namespace, "inventory", AdmissionOptions.defaults()), builder -> builder
                .participant(ParticipantHandler.of("reserve", String.class, (String sku, SagaContext c) -> sku + " ok")));
    }

    @Test
    void startsAreRefusedWhileRedisIsNearlyFullAndTheSagasAcceptedBeforeGoOn(RedisServer redis) {
        AdmissionOptions admission = new AdmissionOptions(0.9, 0, Duration.ofMillis(100));
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                RedisClient client = RedisClient.create(redis.redisUri());
                StatefulRedisConnection<String, String> raw = client.connect()) {
            Netx order = nodes.start(options("admission-memory", "order", admission), builder -> {
            });
            Orchestrator<String, String> reserve = reserve(order);
            CompletableFuture<Result<String>> accepted = reserve.saga("p1", SagaCall.defaults()
                    .withTimeout(Duration.ofSeconds(60)));
            await().atMost(Duration.ofSeconds(10)).until(() -> raw.sync().keys("netx:*:saga:*").size() == 1);

            // Redis at 94% of its maxmemory (20 MB of other data in it): the start is refused, nothing is written
            String ballast = "x".repeat(1024);
            for (int i = 0; i < 20_000; i++) {
                raw.async().set("ballast:" + i, ballast);
            }
            raw.sync().ping();
            long used = Long.parseLong(raw.sync().info("memory").lines()
                    .filter(line -> line.startsWith("used_memory:")).findFirst().orElseThrow().substring(12).trim());
            raw.sync().configSet("maxmemory", Long.toString((long) (used / 0.94)));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> reserve.sagaSync("p2")).isInstanceOf(SagaRejectedException.class)
                            .hasMessageContaining("netx.admission.max-memory")
                            .satisfies(e -> assertThat(((SagaRejectedException) e).retryAfter())
                                    .isEqualTo(Duration.ofSeconds(1))));
            assertThatThrownBy(() -> order.sagaManager().startSync("event"))
                    .isInstanceOf(SagaRejectedException.class);
            assertThat(raw.sync().keys("netx:*:saga:*")).hasSize(1);

            // the saga accepted before runs its steps: they are never refused
            inventory(nodes, "admission-memory");
            assertThat(accepted.join().get()).isEqualTo("p1 ok");

            raw.sync().configSet("maxmemory", "0");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    return reserve.sagaSync("p3").get().equals("p3 ok");
                } catch (SagaRejectedException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void startsAreRefusedWhileAGroupTheyCallHasMoreWaitingThanTheLimit(RedisServer redis) {
        AdmissionOptions admission = new AdmissionOptions(1.0, 5, Duration.ofSeconds(1));
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            Netx order = nodes.start(options("admission-backlog", "order", admission), builder -> {
            });
            Orchestrator<String, String> reserve = reserve(order);
            List<CompletableFuture<Result<String>>> accepted = new ArrayList<>();
            SagaCall call = SagaCall.defaults().withTimeout(Duration.ofSeconds(60));
            for (int i = 0; i < 6; i++) {
                accepted.add(reserve.saga("p" + i, call));
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> order.status().calledGroups().stream()
                    .anyMatch(group -> group.waiting() == 6));
            assertThatThrownBy(() -> reserve.saga("late", call).join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(SagaRejectedException.class)
                    .hasMessageContaining("6 messages wait on group inventory (0 live nodes), above 5");
            // choreography starts call no group: the backlog limit does not refuse them
            assertThat(order.sagaManager().startSync("event")).isNotBlank();

            inventory(nodes, "admission-backlog");
            accepted.forEach(saga -> assertThat(saga.join().isSuccess()).isTrue());
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    return reserve.sagaSync("again").isSuccess();
                } catch (SagaRejectedException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void anAcceptedSagasWriteRefusedForMemoryWaitsForRoomWithoutUsingUpDeliveries(RedisServer redis) {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        NetxOptions tight = NetxOptions.builder("inventory").namespace("admission-oom").shards(2)
                .orphanTimeout(Duration.ofMillis(500)).maxDeliveries(2).pollTimeout(Duration.ofMillis(200))
                .trimInterval(Duration.ofMillis(200)).build();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                RedisClient client = RedisClient.create(redis.redisUri());
                StatefulRedisConnection<String, String> raw = client.connect()) {
            Netx inventory = nodes.start(tight, builder -> builder.participant(ParticipantHandler.of("reserve",
                    String.class, (String sku, SagaContext c) -> {
                        calls.incrementAndGet();
                        release.await(30, TimeUnit.SECONDS);
                        return sku + " ok";
                    })));
            Orchestrator<String, String> reserve = reserve(nodes.start(options("admission-oom", "order",
                    AdmissionOptions.defaults()), builder -> { }));
            CompletableFuture<Result<String>> accepted = reserve.saga("p1", SagaCall.defaults()
                    .withTimeout(Duration.ofSeconds(60)));
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);

            // Redis refuses every write for memory (noeviction): the step's reply cannot be written
            raw.sync().configSet("maxmemory-policy", "noeviction");
            raw.sync().configSet("maxmemory", "1");
            release.countDown();
            // a node of the group still starts: its consumer groups exist, it creates none
            nodes.start(tight.mutate().nodeName("inventory-2").build(), builder -> builder.participant(
                    ParticipantHandler.of("reserve", String.class, (String sku, SagaContext c) -> {
                        calls.incrementAndGet();
                        return sku + " ok";
                    })));
            // for several orphan timeouts: the reply is sent again, the call is neither claimed nor run again
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(accepted).isNotDone();

            raw.sync().configSet("maxmemory", "0");
            assertThat(accepted.join().get()).isEqualTo("p1 ok");
            assertThat(calls.get()).isEqualTo(1);
            assertThat(inventory.deadLetters().list(10).join()).isEmpty();
        }
    }
}
