package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * A deploy that changes a saga while it runs: every saga is continued and compensated only by the
 * chain it started with; a node without that chain leaves its messages to one that has it, and when
 * none has it for longer than the version wait, they are dead-lettered with a reason naming the version.
 */
@RedisTest
class VersionedOrchestratorsIT {

    record Order(String orderId) {
    }

    private final Queue<String> ran = new ConcurrentLinkedQueue<>();

    private static NetxOptions options(String namespace, String group, Duration versionWait) {
        return NetxOptions.builder(group).namespace(namespace).shards(2).orphanTimeout(Duration.ofMillis(600))
                .pollTimeout(Duration.ofMillis(200)).maxDeliveries(2).versionWait(versionWait)
                .trimInterval(Duration.ofMillis(200)).build();
    }

    /** Version 1: note the order, then debit (undone by refund). */
    private Orchestrator<Order, Order> version1(Netx node) {
        return node.orchestrators().create("place", Order.class)
                .start(note("v1", "note"))
                .commit(Step.<Order, Order>remote("payment", "debit", Order.class, "refund"));
    }

    /** Version 2: an audit step inserted before, and the note's compensation changed. */
    private Orchestrator<Order, Order> version2(Netx node) {
        return node.orchestrators().create("place", Order.class).version(2)
                .start(note("v2", "audit"))
                .join(note("v2", "note"))
                .commit(Step.<Order, Order>remote("payment", "debit", Order.class, "refund"));
    }

    /** Version 1 as another deploy wrote it: the same version number, a different chain. */
    private Orchestrator<Order, Order> version1Elsewhere(Netx node) {
        return node.orchestrators().create("place", Order.class)
                .start(note("v1'", "note"))
                .commit(Step.<Order, Order>remote("payment", "debit", Order.class, "refund-twice"));
    }

    private Step<Order, Order> note(String version, String name) {
        return Step.local(Order.class, (Order order, SagaContext c) -> {
            ran.add(c.sagaId() + " " + version + ":" + name);
            return order;
        }, (Order order, SagaContext c) -> ran.add(c.sagaId() + " " + version + ":undo-" + name)).named(name);
    }

    private static Netx payment(Nodes nodes, String namespace) {
        return nodes.start(options(namespace, "payment", Duration.ofMinutes(1)), builder -> builder
                .participant(ParticipantHandler.of("debit", Order.class, (Order order, SagaContext c) -> {
                    throw new IllegalStateException("card declined for " + order.orderId());
                }))
                .participant(ParticipantHandler.of("refund", Order.class, (Order order, SagaContext c) -> null)));
    }

    @Test
    void aSagaIsCompensatedOnlyByTheChainItStartedWithAcrossADeployThatChangesIt(RedisServer redis) {
        String ns = "versions-deploy";
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                Nodes old = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                RedisClient client = RedisClient.create(redis.redisUri());
                StatefulRedisConnection<String, String> raw = client.connect()) {
            // the old build starts a saga; its debit waits for the payment service, not deployed yet
            String before = version1(old.start(options(ns, "order", Duration.ofMinutes(1)), builder -> {
            })).saga(new Order("o1"), SagaCall.defaults()).thenApply(Result::sagaId).getNow(null);
            await().atMost(Duration.ofSeconds(10)).until(() -> !ran.isEmpty());
            String sagaId = ran.peek().split(" ")[0];
            old.close();

            // the new build declares only version 2, on three nodes; the payment service comes up and fails the debit
            Duration versionWait = Duration.ofSeconds(4);
            List<Netx> newer = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                newer.add(nodes.start(options(ns, "order", versionWait), builder -> {
                }));
                version2(newer.get(i));
            }
            // what the operator sees: a version no node declares still has a saga running
            assertThat(newer.get(0).orchestratorVersions().join())
                    .extracting(v -> v.orchestrator() + " v" + v.version() + " declared " + v.declaredHere()
                            + " running " + v.running())
                    .containsExactly("place v1 declared false running 1", "place v2 declared true running 0");
            payment(nodes, ns);
            await().atMost(Duration.ofSeconds(20)).until(() -> raw.sync().keys("netx:*fail:order:*").stream()
                    .map(key -> raw.sync().get(key)).anyMatch(reason -> reason != null && reason.startsWith("V")
                            && reason.contains("version 1 of orchestrator 'place'")));
            assertThat(ran).containsExactly(sagaId + " v1:note");

            // one node that keeps version 1 beside version 2 (a canary among the three) undoes the saga with
            // version 1's compensation: the claimers of the others leave the message to it, well within the wait
            Netx both = nodes.start(options(ns, "order", versionWait), builder -> {
            });
            version1(both);
            Orchestrator<Order, Order> current = version2(both);
            SagaOutcome outcome = both.sagaManager().awaitOutcomeSync(sagaId, Duration.ofSeconds(30));
            assertThat(outcome.state()).isEqualTo(SagaState.ROLLED_BACK);
            assertThat(ran).containsExactly(sagaId + " v1:note", sagaId + " v1:undo-note");
            assertThat(both.deadLetters().list(10).join()).isEmpty();

            Result<Order> after = current.sagaSync(new Order("o2"));
            assertThat(after.isSuccess()).isFalse();
            assertThat(ran).containsSubsequence(after.sagaId() + " v2:audit", after.sagaId() + " v2:note",
                    after.sagaId() + " v2:undo-note", after.sagaId() + " v2:undo-audit");
            assertThat(ran).filteredOn(line -> line.startsWith(after.sagaId())).hasSize(4);
            assertThat(both.orchestratorVersions().join()).extracting(v -> "v" + v.version() + " running " + v.running())
                    .containsExactly("v1 running 0", "v2 running 0");
            assertThat(before).isNull();
        }
    }

    @Test
    void aMessageThatNoNodeCanRunIsDeadLetteredAfterTheVersionWaitNamingTheVersion(RedisServer redis) {
        String ns = "versions-wait";
        Duration versionWait = Duration.ofSeconds(3);
        try (Nodes nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
                Nodes old = new Nodes(() -> NetxClients.standalone(redis.redisUri()))) {
            version1(old.start(options(ns, "order", versionWait), builder -> {
            })).saga(new Order("o1"), SagaCall.defaults());
            await().atMost(Duration.ofSeconds(10)).until(() -> !ran.isEmpty());
            String sagaId = ran.peek().split(" ")[0];
            old.close();

            // two nodes of other deploys: one with version 2 only, one whose version 1 is another chain
            Netx newer = nodes.start(options(ns, "order", versionWait), builder -> {
            });
            version2(newer);
            version1Elsewhere(nodes.start(options(ns, "order", versionWait), builder -> {
            }));
            payment(nodes, ns);

            await().atMost(Duration.ofSeconds(30)).until(() -> !newer.deadLetters().list(10).join().isEmpty());
            List<DeadLetter> dead = newer.deadLetters().list(10).join();
            assertThat(dead).singleElement().satisfies(letter -> {
                assertThat(letter.sagaId()).isEqualTo(sagaId);
                assertThat(letter.group()).isEqualTo("order");
                assertThat(letter.reason()).containsAnyOf("version 1 of orchestrator 'place', which node",
                        "two deploys declare different steps under one version");
                long waited = Long.parseLong(letter.reason().replaceAll("^.*\\(for (\\d+) ms\\)$", "$1"));
                assertThat(waited).isGreaterThanOrEqualTo(versionWait.toMillis());
            });
            assertThat(ran).containsExactly(sagaId + " v1:note");
            assertThat(newer.sagaManager().outcomeSync(sagaId).state()).isEqualTo(SagaState.STARTED);
        }
    }
}
