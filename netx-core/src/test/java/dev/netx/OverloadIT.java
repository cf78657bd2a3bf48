package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisServerOptions;
import dev.netx.test.RedisTest;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Redis refusing writes, and requests that cannot be written, reach the caller as clear errors. */
@RedisTest
class OverloadIT {

    private static NetxOptions options(String namespace, String group) {
        return NetxOptions.builder(group).namespace(namespace).pollTimeout(Duration.ofMillis(200))
                .orphanTimeout(Duration.ofSeconds(1)).maxDeliveries(1000).maxPayloadBytes(10_000).build();
    }

    private static NetxOptions untrimmed(String namespace, String group) {
        return options(namespace, group).mutate().trimInterval(Duration.ofHours(1)).build();
    }

    /** An event Jackson cannot encode. */
    public static final class Unencodable {
        public String getValue() {
            throw new IllegalStateException("no value");
        }
    }

    @Test
    void anEventThatCannotBeWrittenFailsBeforeAnythingIsWritten(RedisServer redis) {
        RedisClient client = RedisClient.create(redis.redisUri());
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                StatefulRedisConnection<String, String> admin = client.connect()) {
            Netx order = nodes.start(options("bad-input", "order"));
            long keysBefore = admin.sync().dbsize();

            assertThatThrownBy(() -> order.sagaManager().startSync(new Unencodable()))
                    .isInstanceOf(SagaEncodingException.class).hasMessageContaining("Unencodable");
            assertThatThrownBy(() -> order.sagaManager().startSync("x".repeat(20_000)))
                    .isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("max-payload-bytes 10000");

            assertThat(admin.sync().dbsize()).isEqualTo(keysBefore);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void startFailsFastWhenRedisIsOutOfMemoryAndAcceptedSagasCompleteOnceMemoryIsRaised(RedisServer redis) {
        Set<String> committed = ConcurrentHashMap.newKeySet();
        RedisClient client = RedisClient.create(redis.redisUri());
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                StatefulRedisConnection<String, String> admin = client.connect()) {
            nodes.start(options("oom", "payment"), SagaListener.on(SagaPhase.START, Object.class, e -> e.event())
                    .successWith(SuccessWith.PUBLISH_COMMIT));
            Netx order = nodes.start(options("oom", "order"),
                    SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())));
            long used = Long.parseLong(info(admin, "used_memory"));
            admin.sync().configSet("maxmemory-policy", "noeviction");
            admin.sync().configSet("maxmemory", Long.toString(used + 2_000_000));

            List<String> accepted = new ArrayList<>();
            RuntimeException refusal = null;
            String payload = "p".repeat(5_000);
            for (int i = 0; i < 5_000 && refusal == null; i++) {
                try {
                    accepted.add(order.sagaManager().startSync(payload));
                } catch (RuntimeException e) {
                    refusal = e;
                }
            }
            assertThat(refusal).isInstanceOf(RedisRefusedException.class).hasMessageContaining("out of memory");
            assertThat(accepted).isNotEmpty();

            admin.sync().configSet("maxmemory", "0");
            await().atMost(Duration.ofSeconds(60)).until(() -> committed.containsAll(accepted));
            assertThat(order.sagaManager().startSync("after")).isNotNull();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void noAcceptedSagaIsLostWhenRedisIsKilledAndRestartedWithAofAlways(RedisLauncher launcher) {
        RedisServer redis = launcher.standalone(RedisServerOptions.defaults()
                .withPersistence(RedisServerOptions.Persistence.AOF_ALWAYS));
        Set<String> committed = ConcurrentHashMap.newKeySet();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            nodes.start(options("aof", "payment"), SagaListener.on(SagaPhase.START, Object.class, e -> e.event())
                    .successWith(SuccessWith.PUBLISH_COMMIT));
            Netx order = nodes.start(options("aof", "order"),
                    SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())));

            List<CompletableFuture<String>> starts = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 300; i++) {
                    starts.add(order.sagaManager().start(round));
                }
                if (round != 2) {
                    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
                } else {
                    // killed while the round's starts are in flight
                    redis.kill();
                    redis.restart();
                    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                            .until(() -> order.sagaManager().startSync("probe") != null);
                }
            }
            List<String> accepted = new ArrayList<>();
            int refused = 0;
            for (CompletableFuture<String> start : starts) {
                try {
                    accepted.add(start.join());
                } catch (RuntimeException e) {
                    refused++;
                }
            }
            System.out.printf("AOF always, kill -9 and restart under load: %d sagas accepted, %d refused%n",
                    accepted.size(), refused);
            assertThat(accepted).hasSizeGreaterThanOrEqualTo(1_500);
            await().atMost(Duration.ofSeconds(90)).until(() -> committed.containsAll(accepted));
        }
    }

    @Test
    void aRedisThatRestartsEmptyGetsItsConsumerGroupsBackAndSagasFlowAgain(RedisServer redis) {
        Set<String> committed = ConcurrentHashMap.newKeySet();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            nodes.start(options("empty", "payment"), SagaListener.on(SagaPhase.START, Object.class, e -> e.event())
                    .successWith(SuccessWith.PUBLISH_COMMIT));
            Netx order = nodes.start(options("empty", "order"),
                    SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())));
            String before = order.sagaManager().startSync("before");
            await().until(() -> committed.contains(before));

            redis.kill();
            redis.restart();

            String after = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> order.sagaManager().startSync("after"), id -> id != null);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed.contains(after));
        }
    }

    /**
     * Regression (found by the fault suite's freeze-redis scenario): a start whose command times out
     * was reported as refused ("nothing written") although Redis ran it once it answered again, so the
     * saga went on. A timeout has an unknown outcome, says so, and names the saga to ask about.
     */
    @Test
    void withoutWriteRetryAStartThatTimesOutOnAFrozenRedisHasAnUnknownOutcomeAndNamesItsSaga(RedisServer redis) {
        Set<String> committed = ConcurrentHashMap.newKeySet();
        RedisURI impatient = RedisURI.builder(redis.redisUri()).withTimeout(Duration.ofSeconds(1)).build();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(impatient))) {
            nodes.start(options("frozen", "payment"), SagaListener.on(SagaPhase.START, Object.class, e -> e.event())
                    .successWith(SuccessWith.PUBLISH_COMMIT));
            Netx order = nodes.start(options("frozen", "order").mutate().writeRetry(Duration.ZERO).build(),
                    SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())));
            String warm = order.sagaManager().startSync("scripts loaded, so the next start is one EVALSHA");
            await().atMost(Duration.ofSeconds(30)).until(() -> committed.contains(warm));

            Throwable failure;
            redis.pause();
            try {
                failure = catchThrowable(() -> order.sagaManager().startSync("sent to a frozen Redis"));
            } finally {
                redis.resume();
            }

            assertThat(failure).isInstanceOf(SagaOutcomeUnknownException.class).isNotInstanceOf(RedisRefusedException.class);
            String sagaId = ((SagaOutcomeUnknownException) failure).sagaId();
            assertThat(failure).hasMessageContaining(sagaId);
            // Redis ran the queued start when it woke up: the saga it names completes, as the message says it may
            await().atMost(Duration.ofSeconds(30)).until(() -> committed.contains(sagaId));
            assertThat(order.sagaManager().outcomeSync(sagaId).state()).isEqualTo(SagaState.COMMITTED);
        }
    }

    @Test
    void startsSentWhileRedisRestartsOrFreezesAreSentAgainAndEachSagaRunsOnce(RedisLauncher launcher) {
        RedisServer redis = launcher.standalone(RedisServerOptions.defaults()
                .withPersistence(RedisServerOptions.Persistence.AOF_ALWAYS));
        Set<String> committed = ConcurrentHashMap.newKeySet();
        RedisURI impatient = RedisURI.builder(redis.redisUri()).withTimeout(Duration.ofSeconds(1)).build();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(impatient))) {
            // no trimming: the test counts the start entries in the stream
            nodes.start(untrimmed("resend", "payment"), SagaListener.on(SagaPhase.START, Object.class, e -> e.event())
                    .successWith(SuccessWith.PUBLISH_COMMIT));
            Netx order = nodes.start(untrimmed("resend", "order"),
                    SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())));
            order.sagaManager().startSync("scripts loaded");

            redis.kill();
            CompletableFuture<String> duringRestart = CompletableFuture.supplyAsync(
                    () -> order.sagaManager().startSync("sent while Redis is down"));
            await().during(Duration.ofMillis(300)).until(() -> !duringRestart.isDone());
            redis.restart();
            String restarted = duringRestart.join();

            redis.pause();
            CompletableFuture<String> duringFreeze;
            try {
                // the first send times out after 1 s and is sent again while Redis is still frozen
                duringFreeze = CompletableFuture.supplyAsync(() -> order.sagaManager().startSync("sent to a frozen Redis"));
                await().during(Duration.ofMillis(2_500)).until(() -> !duringFreeze.isDone());
            } finally {
                redis.resume();
            }
            String frozen = duringFreeze.join();

            await().atMost(Duration.ofSeconds(30)).until(() -> committed.containsAll(List.of(restarted, frozen)));
            assertThat(order.sagaManager().outcomeSync(frozen).state()).isEqualTo(SagaState.COMMITTED);
            assertThat(startsWritten(redis, "resend", restarted)).as("start entries of %s", restarted).isEqualTo(1);
            assertThat(startsWritten(redis, "resend", frozen)).as("start entries of %s", frozen).isEqualTo(1);
        }
    }

    @Test
    void aSagaWaitingOnAGroupThatIsDownLongerThanRetentionIsNotLost(RedisServer redis) {
        Set<String> committed = ConcurrentHashMap.newKeySet();
        NetxOptions payment = options("outage", "payment").mutate().retention(Duration.ofSeconds(1)).build();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            // the payment group exists, then goes down
            nodes.start(payment, SagaListener.on(SagaPhase.START, Object.class, e -> e.event())).close();
            Netx order = nodes.start(options("outage", "order").mutate().retention(Duration.ofSeconds(1)).build(),
                    SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())));
            String sagaId = order.sagaManager().startSync("waits for payment");
            // three times the retention of a finished saga: a running saga's state must outlive the outage
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                    .until(() -> order.sagaManager().existsSync(sagaId));

            nodes.start(payment, SagaListener.on(SagaPhase.START, Object.class, e -> e.event())
                    .successWith(SuccessWith.PUBLISH_COMMIT));
            await().atMost(Duration.ofSeconds(30)).until(() -> committed.contains(sagaId));
            // once finished, it expires after the (short) retention
            await().atMost(Duration.ofSeconds(10)).until(() -> !order.sagaManager().existsSync(sagaId));
        }
    }

    @Test
    void aCallerWaitsAtMostWriteRetryForAFrozenRedisAndThenLearnsTheOutcomeIsUnknown(RedisServer redis) {
        Set<String> committed = ConcurrentHashMap.newKeySet();
        // commands time out after 5 s; the caller's wait is bounded by the 1.5 s write retry
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            nodes.start(options("bounded", "payment"), SagaListener.on(SagaPhase.START, Object.class, e -> e.event())
                    .successWith(SuccessWith.PUBLISH_COMMIT));
            Netx order = nodes.start(options("bounded", "order").mutate().writeRetry(Duration.ofMillis(1_500)).build(),
                    SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())));
            order.sagaManager().startSync("scripts loaded");

            CompletableFuture<String> start;
            redis.pause();
            try {
                start = order.sagaManager().start("sent to a frozen Redis");
                await().atMost(Duration.ofSeconds(4)).until(start::isDone);
            } finally {
                redis.resume();
            }
            assertThat(catchThrowable(start::join)).hasCauseInstanceOf(SagaOutcomeUnknownException.class);
            String sagaId = ((SagaOutcomeUnknownException) catchThrowable(start::join).getCause()).sagaId();
            // what Redis took while frozen runs once it is back
            await().atMost(Duration.ofSeconds(30)).until(() -> committed.contains(sagaId));
        }
    }

    /** The START entries of a saga in its shard's events stream. */
    private static long startsWritten(RedisServer redis, String namespace, String sagaId) {
        String shard = sagaId.substring(sagaId.lastIndexOf('-') + 1);
        RedisClient client = RedisClient.create(redis.redisUri());
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            return admin.sync().xrange("netx:{" + namespace + ":" + shard + "}:events", Range.create("-", "+")).stream()
                    .filter(entry -> sagaId.equals(entry.getBody().get("s")) && "S".equals(entry.getBody().get("p")))
                    .count();
        } finally {
            client.shutdown();
        }
    }

    private static String info(StatefulRedisConnection<String, String> admin, String field) {
        return admin.sync().info("memory").lines().filter(line -> line.startsWith(field + ":")).findFirst()
                .orElseThrow().substring(field.length() + 1).trim();
    }
}
