package dev.netx.samples.shop.order;

import dev.netx.Orchestrator;
import dev.netx.OrchestratorFactory;
import dev.netx.SagaContext;
import dev.netx.Step;
import dev.netx.samples.shop.OrderLine;
import dev.netx.samples.shop.Reason;

/**
 * The order saga, orchestrated: create the pending order here, debit the customer in the payment
 * service, reserve the stock in the inventory service, confirm the order here. A failure undoes the
 * steps before it: release, refund, cancel with the reason.
 */
public final class PlaceOrderSaga {

    /** The orchestrator's name. */
    public static final String NAME = "place-order";

    private PlaceOrderSaga() {
    }

    /** Defines the orchestrator in the order group. */
    public static Orchestrator<OrderLine, OrderLine> define(OrchestratorFactory factory, Orders orders) {
        return factory.create(NAME, OrderLine.class)
                .start(Step.local(OrderLine.class, (OrderLine line, SagaContext context) -> {
                    orders.createPending(line, context.sagaId());
                    return line;
                }, (line, context) -> orders.cancel(line, context.sagaId(),
                        context.failure().map(Reason::of).orElse(new Reason("unknown", "rolled back")))))
                .join(Step.remote("payment", "debit", OrderLine.class, "refund"))
                .join(Step.remote("inventory", "reserve", OrderLine.class, "release"))
                .commit(Step.local(OrderLine.class, (OrderLine line, SagaContext context) -> {
                    orders.confirm(line, context.sagaId());
                    return line;
                }));
    }
}
