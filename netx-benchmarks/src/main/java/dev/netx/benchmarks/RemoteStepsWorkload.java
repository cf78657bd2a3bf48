package dev.netx.benchmarks;

import dev.netx.Netx;
import dev.netx.Orchestrator;
import dev.netx.ParticipantHandler;
import dev.netx.SagaCall;
import dev.netx.SagaContext;
import dev.netx.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Workload (d): remote steps across three groups. The order group's orchestrator runs a local step,
 * then calls the payment group's {@code debit} (undone by {@code refund}), then the inventory group's
 * {@code reserve}; every call and reply travels through Redis Streams.
 */
final class RemoteStepsWorkload implements Workload {

    private final List<Orchestrator<Order, Boolean>> orchestrators;
    private final SagaCall call;

    private RemoteStepsWorkload(List<Orchestrator<Order, Boolean>> orchestrators, SagaCall call) {
        this.orchestrators = orchestrators;
        this.call = call;
    }

    static Workload setUp(NodeGroup nodes, int nodesPerGroup, SagaCall call) {
        List<Orchestrator<Order, Boolean>> orchestrators = new ArrayList<>();
        for (int i = 0; i < nodesPerGroup; i++) {
            nodes.start("payment", i, builder -> builder
                    .participant(ParticipantHandler.of("debit", Order.class, (order, context) -> order))
                    .participant(ParticipantHandler.of("refund", Order.class, (order, context) -> null)));
            nodes.start("inventory", i, builder -> builder
                    .participant(ParticipantHandler.of("reserve", Order.class, (order, context) -> true)));
            Netx order = nodes.start("order", i, builder -> {
            });
            orchestrators.add(order.orchestrators().create("place-order-remote", Order.class)
                    .start(Step.local(Order.class, (Order o, SagaContext context) -> o))
                    .join(Step.remote("payment", "debit", Order.class, "refund"))
                    .commit(Step.remote("inventory", "reserve", Boolean.class)));
        }
        return new RemoteStepsWorkload(List.copyOf(orchestrators), call);
    }

    @Override
    public CompletionStage<Boolean> call(long sequence) {
        return orchestrators.get((int) (sequence % orchestrators.size())).saga(Order.of(sequence), call)
                .thenApply(result -> result.isSuccess() && Boolean.TRUE.equals(result.value()));
    }
}
