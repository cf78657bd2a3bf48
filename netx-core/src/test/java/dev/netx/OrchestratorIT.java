package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisServer;
import shop.inventory.OutOfStockException;
import dev.netx.test.RedisTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Orchestrated sagas of local steps: values, context, compensations, retries, timeouts. */
@RedisTest
class OrchestratorIT {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    record Item(String sku, int quantity) {
    }

    record Order(String id, List<Item> items) {
    }

    private final RedisServer redis;
    private final Nodes nodes;
    private final String namespace = "orch" + NAMESPACES.incrementAndGet();

    OrchestratorIT(RedisServer redis) {
        this.redis = redis;
        this.nodes = new Nodes(() -> NetxClients.standalone(redis.redisUri()));
    }

    @AfterEach
    void closeNodes() {
        nodes.close();
    }

    private NetxOptions options(String group) {
        return NetxOptions.builder(group).namespace(namespace).pollTimeout(Duration.ofMillis(200))
                .orphanTimeout(Duration.ofSeconds(1)).maxDeliveries(2).trustedPackages(List.of("shop.inventory"))
                .build();
    }

    /** Starts a node with the orchestrator defined by {@code define}; returns it. */
    private <Q, R> Orchestrator<Q, R> node(java.util.function.Function<OrchestratorFactory, Orchestrator<Q, R>> define) {
        return node(options("order"), define);
    }

    private <Q, R> Orchestrator<Q, R> node(NetxOptions options,
            java.util.function.Function<OrchestratorFactory, Orchestrator<Q, R>> define) {
        Netx netx = nodes.start(options, builder -> {
        });
        return define.apply(netx.orchestrators());
    }

    @Test
    void valuesAndContextFlowThroughThreeStepsForTenThousandSagasOnTwoNodes() {
        java.util.function.Function<OrchestratorFactory, Orchestrator<Order, String>> define = factory -> factory
                .create("place-order", Order.class)
                .start(Step.local(new TypeRef<List<Item>>() {
                }, (Order order, SagaContext context) -> {
                    context.put("orderId", order.id());
                    return order.items();
                }, null))
                .join(Step.local(Integer.class, (List<Item> items, SagaContext context) ->
                        items.stream().mapToInt(Item::quantity).sum()))
                .commit(Step.local(String.class, (Integer total, SagaContext context) ->
                        context.get("orderId", String.class).orElseThrow() + ":" + total));
        NetxOptions patient = options("order").mutate().orphanTimeout(Duration.ofSeconds(10)).build();
        Orchestrator<Order, String> first = node(patient, define);
        node(patient, define);

        List<CompletableFuture<Result<String>>> results = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            results.add(first.saga(new Order("o" + i, List.of(new Item("a", i), new Item("b", 1))),
                    SagaCall.defaults().withTimeout(Duration.ofSeconds(120))));
        }

        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).join().get()).isEqualTo("o" + i + ":" + (i + 1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aFailingStepCompensatesTheStepsBeforeItInReverseOrderOnce(int failing) {
        Queue<String> compensated = new ConcurrentLinkedQueue<>();
        Orchestrator<String, String> orchestrator = node(factory -> factory.create("chain", String.class)
                .start(Step.local(String.class, (String in, SagaContext c) -> step(0, failing, in),
                        (in, c) -> compensated.add("undo0:" + in + ":" + c.failure().orElseThrow().getMessage())))
                .join(Step.local(String.class, (String in, SagaContext c) -> step(1, failing, in),
                        (in, c) -> compensated.add("undo1:" + in)))
                .commit(Step.local(String.class, (String in, SagaContext c) -> step(2, failing, in),
                        (in, c) -> compensated.add("undo2:" + in))));

        Result<String> result = orchestrator.sagaSync("x");

        assertThat(result.isSuccess()).isFalse();
        assertThatThrownBy(result::get).isInstanceOf(OutOfStockException.class)
                .hasMessage("no stock for " + failing + " of step");
        List<String> expected = new ArrayList<>();
        for (int index = failing - 1; index >= 0; index--) {
            expected.add("undo" + index + ":" + "x" + "+".repeat(index)
                    + (index == 0 ? ":no stock for " + failing + " of step" : ""));
        }
        assertThat(compensated).containsExactlyElementsOf(expected);
    }

    private static String step(int index, int failing, String input) {
        if (index == failing) {
            throw new OutOfStockException("step", index);
        }
        return input + "+";
    }

    @Test
    void aRetryableFailureIsRetriedAndANonRetryableOneRollsBackAtOnce() {
        AtomicInteger flaky = new AtomicInteger();
        AtomicInteger broken = new AtomicInteger();
        StepPolicy retryIllegalState = StepPolicy.defaults().withRetry(3, Duration.ofMillis(20),
                IllegalStateException.class);
        OrchestratorFactory factory = nodes.start(options("order"), builder -> {
        }).orchestrators();
        Orchestrator<String, String> flakyOrchestrator = factory.create("flaky", String.class)
                .start(Step.local(String.class, (String in, SagaContext c) -> {
                    if (flaky.incrementAndGet() < 3) {
                        throw new IllegalStateException("try again");
                    }
                    return in + "!";
                }).withPolicy(retryIllegalState))
                .commit(Step.local(String.class, (String in, SagaContext c) -> in));
        Orchestrator<String, String> brokenOrchestrator = factory.create("broken", String.class)
                .start(Step.local(String.class, (String in, SagaContext c) -> {
                    broken.incrementAndGet();
                    throw new IllegalArgumentException("bad input");
                }).withPolicy(retryIllegalState))
                .commit(Step.local(String.class, (String in, SagaContext c) -> in));

        assertThat(flakyOrchestrator.sagaSync("ok").get()).isEqualTo("ok!");
        assertThat(flaky.get()).isEqualTo(3);
        assertThatThrownBy(() -> brokenOrchestrator.sagaSync("no").get()).isInstanceOf(IllegalArgumentException.class);
        assertThat(broken.get()).isEqualTo(1);
    }

    @Test
    void aStepTimeoutAndASagaDeadlineRollBackWithATimeoutException() {
        AtomicInteger undone = new AtomicInteger();
        OrchestratorFactory factory = nodes.start(options("order"), builder -> {
        }).orchestrators();
        Orchestrator<String, String> slowStep = factory.create("slow-step", String.class)
                .start(Step.local(String.class, (String in, SagaContext c) -> in, (in, c) -> undone.incrementAndGet()))
                .commit(Step.localAsync(TypeRef.of(String.class), (String in, SagaContext c) -> new CompletableFuture<>(),
                        null).withPolicy(StepPolicy.defaults().withTimeout(Duration.ofMillis(200))));
        Orchestrator<String, String> lateSaga = factory.create("late", String.class)
                .start(Step.local(String.class, (String in, SagaContext c) -> in, (in, c) -> undone.incrementAndGet()))
                .join(Step.localAsync(TypeRef.of(String.class), (String in, SagaContext c) ->
                        CompletableFuture.supplyAsync(() -> in, CompletableFuture.delayedExecutor(700,
                                java.util.concurrent.TimeUnit.MILLISECONDS)), null))
                .deadline(Duration.ofMillis(300))
                .commit(Step.local(String.class, (String in, SagaContext c) -> in));

        assertThatThrownBy(() -> slowStep.sagaSync("a").get()).isInstanceOf(StepTimeoutException.class);
        assertThatThrownBy(() -> lateSaga.sagaSync("b").get()).isInstanceOf(SagaDeadlineException.class);
        assertThat(undone.get()).isEqualTo(2);
    }

    @Test
    void aCallerThatTimesOutFindsTheResultLater() {
        CountDownLatch release = new CountDownLatch(1);
        Orchestrator<String, String> orchestrator = node(factory -> factory.create("waits", String.class)
                .start(Step.local(String.class, (String in, SagaContext c) -> {
                    release.await();
                    return in + " done";
                }))
                .commit(Step.local(String.class, (String in, SagaContext c) -> in)));

        CompletableFuture<Result<String>> call = orchestrator.saga("job", SagaCall.defaults()
                .withTimeout(Duration.ofMillis(200)));
        assertThatThrownBy(call::join).hasCauseInstanceOf(SagaTimeoutException.class);
        String sagaId = ((SagaTimeoutException) call.handle((r, e) -> e.getCause()).join()).sagaId();
        assertThatThrownBy(() -> orchestrator.result(sagaId).join()).hasCauseInstanceOf(SagaStateException.class);
        release.countDown();

        await().until(() -> orchestrator.result(sagaId).handle((r, e) -> r != null).join());
        assertThat(orchestrator.result(sagaId).join().get()).isEqualTo("job done");
    }

    @Test
    void orchestratorsOfTheSameNameInTwoGroupsEachRunTheirOwnSteps() {
        Orchestrator<String, String> billing = nodes.start(options("billing"), builder -> {
        }).orchestrators().create("same-name", String.class)
                .start(Step.local(String.class, (String in, SagaContext c) -> "billing"))
                .commit(Step.local(String.class, (String in, SagaContext c) -> in));
        Orchestrator<String, String> orders = node(factory -> factory.create("same-name", String.class)
                .start(Step.local(String.class, (String in, SagaContext c) -> "order"))
                .commit(Step.local(String.class, (String in, SagaContext c) -> in)));

        for (int i = 0; i < 20; i++) {
            assertThat(orders.sagaSync("x").get()).isEqualTo("order");
            assertThat(billing.sagaSync("x").get()).isEqualTo("billing");
        }
    }

    @Test
    void aMessageForAnOrchestratorThisGroupNoLongerHasIsDeadLetteredWithItsReasonAfterTheVersionWait() {
        Netx order = nodes.start(options("order").mutate().versionWait(Duration.ofSeconds(2)).build(), builder -> {
        });
        order.orchestrators().create("current-flow", String.class)
                .start(Step.local(String.class, (String in, SagaContext c) -> in))
                .commit(Step.local(String.class, (String in, SagaContext c) -> in));
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.redisUri());
        try (var connection = client.connect()) {
            connection.sync().xadd("netx:{" + namespace + ":2}:inbox:order", Map.of("k", "F", "s", "0190ab-2",
                    "o", "removed-flow", "i", "0", "ctx", "{}", "g", "order", "n", "old-node"));
        } finally {
            client.shutdown();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> !order.deadLetters().list(10).join().isEmpty());
        DeadLetter letter = order.deadLetters().list(10).join().get(0);
        assertThat(letter.reason()).contains("version 1 of orchestrator 'removed-flow', which node");
        assertThat(letter.sagaId()).isEqualTo("0190ab-2");
        assertThat(letter.group()).isEqualTo("order");
    }
}
