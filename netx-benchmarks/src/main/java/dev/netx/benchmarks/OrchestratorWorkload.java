package dev.netx.benchmarks;

import dev.netx.Netx;
import dev.netx.Orchestrator;
import dev.netx.Result;
import dev.netx.SagaCall;
import dev.netx.SagaContext;
import dev.netx.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Workloads (a) and (b): one group, an orchestrator of three local steps, the first two with a
 * compensation. In (b) the last step throws, so both compensations run. Calls go round-robin to the
 * orchestrators of the group's nodes; any node may run any step.
 */
final class OrchestratorWorkload implements Workload {

    private final List<Orchestrator<Order, String>> orchestrators;
    private final SagaCall call;
    private final boolean failLast;

    private OrchestratorWorkload(List<Orchestrator<Order, String>> orchestrators, SagaCall call, boolean failLast) {
        this.orchestrators = orchestrators;
        this.call = call;
        this.failLast = failLast;
    }

    static Workload setUp(NodeGroup nodes, int nodesPerGroup, SagaCall call, boolean failLast) {
        List<Orchestrator<Order, String>> orchestrators = new ArrayList<>();
        for (int i = 0; i < nodesPerGroup; i++) {
            Netx node = nodes.start("order", i, builder -> {
            });
            orchestrators.add(define(node, failLast));
        }
        return new OrchestratorWorkload(List.copyOf(orchestrators), call, failLast);
    }

    /** The orchestrator of (a) or (b); (b)'s name differs so that its streams say what ran. */
    static Orchestrator<Order, String> define(Netx node, boolean failLast) {
        return node.orchestrators().create(failLast ? "place-order-rejected" : "place-order", Order.class)
                .start(Step.local(Order.class, (Order order, SagaContext context) -> order,
                        (order, context) -> {
                        }))
                .join(Step.local(Order.class, (Order order, SagaContext context) -> order,
                        (order, context) -> {
                        }))
                .commit(Step.local(String.class, (Order order, SagaContext context) -> {
                    if (failLast) {
                        throw new OrderRejectedException(order.id());
                    }
                    return order.id();
                }));
    }

    @Override
    public CompletionStage<Boolean> call(long sequence) {
        Orchestrator<Order, String> orchestrator = orchestrators.get((int) (sequence % orchestrators.size()));
        CompletableFuture<Result<String>> result = orchestrator.saga(Order.of(sequence), call);
        return result.thenApply(r -> r.isSuccess() != failLast);
    }
}
