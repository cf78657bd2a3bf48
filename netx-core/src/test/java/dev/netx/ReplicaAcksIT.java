package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisSentinelSetup;
import dev.netx.test.RedisTest;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * With {@code replica-acks}, a caller is told its saga start is written only once a replica has it,
 * so a failover cannot lose it; a start whose outcome stayed unknown is sent again until Redis
 * answers. The replica is frozen (SIGSTOP) to hold replication back.
 */
@RedisTest
class ReplicaAcksIT {

    private static NetxOptions.Builder options(String group) {
        return NetxOptions.builder(group).namespace("acks").orphanTimeout(Duration.ofSeconds(2))
                .pollTimeout(Duration.ofMillis(200)).writeRetry(Duration.ofSeconds(1));
    }

    private static NetxOptions acknowledged(String group) {
        return options(group).replicaAcks(1).replicaAckTimeout(Duration.ofMillis(200)).build();
    }

    @Test
    void aStartIsAnsweredOnlyOnceAReplicaHasIt(RedisLauncher launcher) {
        RedisSentinelSetup sentinel = launcher.sentinel();
        Set<String> committed = ConcurrentHashMap.newKeySet();
        RedisClient admin = RedisClient.create();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(sentinel.sentinelUri()))) {
            nodes.start(options("payment").build(), SagaListener.on(SagaPhase.START, Object.class, e -> e.event())
                    .successWith(SuccessWith.PUBLISH_COMMIT));
            Netx order = nodes.start(acknowledged("order"),
                    SagaListener.on(SagaPhase.COMMIT, Object.class, e -> committed.add(e.sagaId())));
            Netx unacknowledged = nodes.start(options("shipping").build());
            String before = order.sagaManager().startSync("replica up");

            sentinel.replica().pause();
            SagaOutcomeUnknownException unknown = catchThrowableOfType(SagaOutcomeUnknownException.class,
                    () -> order.sagaManager().startSync("replica frozen"));
            String answeredAtOnce = unacknowledged.sagaManager().startSync("replica frozen, no acks asked for");
            // sent again in the background, the start is answered (DUP) and not sent again: the
            // connection's last command stays that start, no WAIT follows it
            try (StatefulRedisConnection<String, String> master = admin.connect(sentinel.master().redisUri())) {
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                        .until(() -> master.sync().clientList().lines().noneMatch(c -> c.contains(" cmd=wait ")));
            }
            sentinel.replica().resume();

            assertThat(unknown).isNotNull();
            assertThat(unknown.getCause()).hasMessageContaining("netx.replica-acks");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> committed.containsAll(Set.of(before, unknown.sagaId(), answeredAtOnce)));
        } finally {
            admin.shutdown();
        }
    }

    @Test
    void aStartWhoseOutcomeWasUnknownIsWrittenOnTheNewMasterAfterAFailover(RedisLauncher launcher) {
        RedisSentinelSetup sentinel = launcher.sentinel();
        RedisClient admin = RedisClient.create();
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(sentinel.sentinelUri()))) {
            nodes.start(options("payment").build(), SagaListener.on(SagaPhase.START, Object.class, e -> e.event())
                    .successWith(SuccessWith.PUBLISH_COMMIT));
            Netx order = nodes.start(acknowledged("order"));

            // written on the master only, which dies before the replica gets it: the frozen replica's
            // link is cut first, or it would read the write from its socket once it runs again
            sentinel.replica().pause();
            try (StatefulRedisConnection<String, String> master = admin.connect(sentinel.master().redisUri())) {
                master.sync().clientKill(KillArgs.Builder.typeSlave());
            }
            SagaOutcomeUnknownException unknown = catchThrowableOfType(SagaOutcomeUnknownException.class,
                    () -> order.sagaManager().startSync("lost with the master"));
            sentinel.master().kill();
            sentinel.replica().resume();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> sentinel.currentMasterPort() == sentinel.replica().port());

            // the saga ran on the old master already; the new one has it only if it was sent again
            assertThat(unknown).isNotNull();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> order.sagaManager().outcomeSync(unknown.sagaId()).state() == SagaState.COMMITTED);
        } finally {
            admin.shutdown();
        }
    }
}
