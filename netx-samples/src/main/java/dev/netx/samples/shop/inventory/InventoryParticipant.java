package dev.netx.samples.shop.inventory;

import dev.netx.SagaContext;
import dev.netx.samples.shop.OrderLine;
import dev.netx.spring.SagaParticipant;
import java.sql.SQLException;

/** The order saga, orchestrated: the inventory service's steps, called by the order service. */
public class InventoryParticipant {

    private final Stock stock;

    public InventoryParticipant(Stock stock) {
        this.stock = stock;
    }

    @SagaParticipant("reserve")
    public OrderLine reserve(OrderLine order, SagaContext context) throws SQLException {
        stock.reserve(context.idempotencyKey(), order);
        return order;
    }

    /** Undoes a reservation; the orchestrator calls it only for a reservation that succeeded. */
    @SagaParticipant("release")
    public void release(OrderLine order, SagaContext context) throws SQLException {
        stock.release(context.idempotencyKey(), null, order);
    }
}
