package dev.netx.benchmarks;

import dev.netx.Netx;
import dev.netx.SagaListener;
import dev.netx.SagaManager;
import dev.netx.SagaPhase;
import dev.netx.SagaState;
import dev.netx.SuccessWith;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Workload (c): choreography across two groups. An order node starts the saga; a payment listener
 * of the start publishes a join; an order listener of the join publishes the commit. A saga is timed
 * from {@code start} to its outcome, awaited on the node that started it.
 */
final class ChoreographyWorkload implements Workload {

    /** The payment group's answer to an order. */
    record PaymentDone(String orderId) {
    }

    /** The order group's confirmation, the commit's event. */
    record OrderConfirmed(String orderId) {
    }

    private final List<SagaManager> managers;
    private final Duration timeout;

    private ChoreographyWorkload(List<SagaManager> managers, Duration timeout) {
        this.managers = managers;
        this.timeout = timeout;
    }

    static Workload setUp(NodeGroup nodes, int nodesPerGroup, Duration timeout) {
        List<SagaManager> managers = new ArrayList<>();
        for (int i = 0; i < nodesPerGroup; i++) {
            nodes.start("payment", i, builder -> builder.listener(SagaListener.on(SagaPhase.START, Order.class,
                    event -> new PaymentDone(event.event().id())).successWith(SuccessWith.PUBLISH_JOIN)));
            Netx order = nodes.start("order", i, builder -> builder.listener(SagaListener.on(SagaPhase.JOIN,
                    PaymentDone.class, event -> new OrderConfirmed(event.event().orderId()))
                    .successWith(SuccessWith.PUBLISH_COMMIT)));
            managers.add(order.sagaManager());
        }
        return new ChoreographyWorkload(List.copyOf(managers), timeout);
    }

    @Override
    public CompletionStage<Boolean> call(long sequence) {
        SagaManager manager = managers.get((int) (sequence % managers.size()));
        return manager.start(Order.of(sequence))
                .thenCompose(sagaId -> manager.awaitOutcome(sagaId, timeout))
                .thenApply(outcome -> outcome.state() == SagaState.COMMITTED);
    }
}
