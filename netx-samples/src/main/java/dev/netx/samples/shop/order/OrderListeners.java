package dev.netx.samples.shop.order;

import dev.netx.SagaEvent;
import dev.netx.SuccessWith;
import dev.netx.samples.shop.OrderPlaced;
import dev.netx.samples.shop.Reason;
import dev.netx.samples.shop.StockReserved;
import dev.netx.spring.SagaJoin;
import dev.netx.spring.SagaRollback;
import dev.netx.spring.SagaStart;

/** The order saga, choreographed: the order service's part. */
public class OrderListeners {

    private final Orders orders;

    public OrderListeners(Orders orders) {
        this.orders = orders;
    }

    /** Records the order as pending. */
    @SagaStart
    public void placed(SagaEvent<OrderPlaced> event) {
        orders.createPending(event.event().order(), event.sagaId());
    }

    /** Confirms the order once stock is reserved, and commits the saga. */
    @SagaJoin(successWith = SuccessWith.PUBLISH_COMMIT)
    public StockReserved reserved(SagaEvent<StockReserved> event) {
        orders.confirm(event.event().order(), event.sagaId());
        return event.event();
    }

    /** Cancels the order with the reason of the rollback. */
    @SagaRollback
    public void rolledBack(SagaEvent<Object> event) {
        OrderPlaced order = event.decodeEvent(OrderPlaced.class);
        orders.cancel(order.order(), event.sagaId(), Reason.ofCause(event.cause().orElse(null)));
    }
}
