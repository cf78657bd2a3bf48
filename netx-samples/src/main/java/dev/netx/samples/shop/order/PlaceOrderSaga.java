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
 *
 * <p>Version 2, as a deploy would change it while orders run: a screen step inserted before the
 * payment (it records the version on the order), and the payment undone by {@code refund-order},
 * the new name of {@code refund}. A running order keeps the version it started with.
 */
public final class PlaceOrderSaga {

    /** The orchestrator's name. */
    public static final String NAME = "place-order";

    private PlaceOrderSaga() {
    }

    /** Defines a version (1 or 2) of the orchestrator in the order group. */
    public static Orchestrator<OrderLine, OrderLine> define(OrchestratorFactory factory, Orders orders, int version) {
        Step<OrderLine, OrderLine> create = Step.local(OrderLine.class, (OrderLine line, SagaContext context) -> {
            orders.createPending(line, context.sagaId());
            return line;
        }, (line, context) -> orders.cancel(line, context.sagaId(),
                context.failure().map(Reason::of).orElse(new Reason("unknown", "rolled back"))));
        Step<OrderLine, OrderLine> confirm = Step.local(OrderLine.class, (OrderLine line, SagaContext context) -> {
            orders.confirm(line, context.sagaId());
            return line;
        });
        Step<OrderLine, OrderLine> reserve = Step.remote("inventory", "reserve", OrderLine.class, "release");
        if (version == 1) {
            return factory.create(NAME, OrderLine.class)
                    .start(create)
                    .join(Step.<OrderLine, OrderLine>remote("payment", "debit", OrderLine.class, "refund"))
                    .join(reserve)
                    .commit(confirm);
        }
        return factory.create(NAME, OrderLine.class).version(2)
                .start(create.named("create"))
                .join(Step.local(OrderLine.class, (OrderLine line, SagaContext context) -> {
                    orders.recordSagaVersion(line, 2);
                    return line;
                }).named("screen"))
                .join(Step.<OrderLine, OrderLine>remote("payment", "debit", OrderLine.class, "refund-order"))
                .join(reserve)
                .commit(confirm.named("confirm"));
    }
}
