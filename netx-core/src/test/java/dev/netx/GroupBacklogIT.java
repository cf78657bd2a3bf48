package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisBinary;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A node reports what waits for its own group on each stream of each shard: lag (not yet delivered),
 * pending (delivered, not finished) and the age of the oldest pending message; on Redis 7, which
 * reports a group's lag, and on 6.2, where it is counted.
 */
class GroupBacklogIT {

    static Stream<RedisBinary> binaries() {
        return Stream.of(RedisBinary.resolve(), RedisBinary.embedded());
    }

    private static NetxOptions options(String group, int backpressure) {
        return NetxOptions.builder(group).namespace("group-backlog").shards(2).backpressure(backpressure)
                .orphanTimeout(Duration.ofSeconds(30)).pollTimeout(Duration.ofMillis(200))
                .trimInterval(Duration.ofMillis(200)).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void lagPendingAndTheOldestPendingOfEachShardAndStream(RedisBinary binary) {
        CountDownLatch release = new CountDownLatch(1);
        try (RedisLauncher launcher = new RedisLauncher(binary)) {
            RedisServer redis = launcher.standalone();
            try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
                run(nodes, release);
            }
        } finally {
            release.countDown();
        }
    }

    private static void run(Nodes nodes, CountDownLatch release) {
        Netx payment = nodes.start(options("payment", 2), builder -> builder
                .listener(SagaListener.on(SagaPhase.START, String.class, event -> null))
                .participant(ParticipantHandler.of("debit", String.class, (String order, SagaContext c) -> {
                    release.await(60, TimeUnit.SECONDS);
                    return order + " debited";
                })));
        Netx order = nodes.start(options("order", 64), builder -> {
        });
        Orchestrator<String, String> pay = order.orchestrators().create("pay", String.class)
                .start(Step.<String, String>remote("payment", "debit", String.class))
                .commit(Step.local(String.class, (String debited, SagaContext c) -> debited));
        List<CompletableFuture<Result<String>>> sagas = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sagas.add(pay.saga("o" + i, SagaCall.defaults().withTimeout(Duration.ofSeconds(60))));
        }

        // 2 handled at once (backpressure 2; a read may take a few more, held until a permit frees), the rest
        // not delivered yet; every shard's inbox and events stream reported
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            NetxStatus status = payment.status();
            assertThat(status.backlog()).extracting(ShardBacklog::shard, ShardBacklog::stream).containsExactly(
                    tuple(0, ShardBacklog.Stream.INBOX),
                    tuple(0, ShardBacklog.Stream.EVENTS),
                    tuple(1, ShardBacklog.Stream.INBOX),
                    tuple(1, ShardBacklog.Stream.EVENTS));
            assertThat(status.backlog()).allSatisfy(shard -> assertThat(shard.group()).isEqualTo("payment"));
            long pending = status.backlog().stream().mapToLong(ShardBacklog::pending).sum();
            assertThat(pending).isBetween(2L, 4L);
            assertThat(status.backlog().stream().mapToLong(ShardBacklog::lag).sum()).isEqualTo(10 - pending);
            assertThat(status.waiting()).isEqualTo(10);
            assertThat(status.oldestPending()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        });
        assertThat(payment.status().backlog()).filteredOn(shard -> shard.stream() == ShardBacklog.Stream.EVENTS)
                .allSatisfy(shard -> assertThat(shard.waiting()).isZero());
        // the orchestrator's own inboxes (the replies to it) have nothing waiting
        assertThat(order.status().backlog()).hasSize(2).allSatisfy(shard -> {
            assertThat(shard.stream()).isEqualTo(ShardBacklog.Stream.INBOX);
            assertThat(shard.waiting()).isZero();
        });

        release.countDown();
        for (CompletableFuture<Result<String>> saga : sagas) {
            assertThat(saga.join().get()).endsWith(" debited");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(payment.status().waiting()).isZero();
            assertThat(payment.status().oldestPending()).isZero();
        });
    }
}
