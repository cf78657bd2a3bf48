package dev.netx.samples.shop.inventory;

import dev.netx.SagaEvent;
import dev.netx.SuccessWith;
import dev.netx.samples.shop.OrderPlaced;
import dev.netx.samples.shop.PaymentDone;
import dev.netx.samples.shop.StockReserved;
import dev.netx.spring.SagaJoin;
import dev.netx.spring.SagaRollback;
import java.sql.SQLException;

/** The order saga, choreographed: the inventory service's part. */
public class InventoryListeners {

    private final Stock stock;

    public InventoryListeners(Stock stock) {
        this.stock = stock;
    }

    @SagaJoin(successWith = SuccessWith.PUBLISH_JOIN)
    public StockReserved reserve(SagaEvent<PaymentDone> event) throws SQLException {
        stock.reserve(event.idempotencyKey(), event.event().order());
        return new StockReserved(event.event().order());
    }

    /** Releases, if this saga's reservation happened (the rollback also reaches a reservation that failed). */
    @SagaRollback
    public void release(SagaEvent<Object> event) throws SQLException {
        String reserveKey = event.sagaId() + ":inventory:join";
        stock.release(event.idempotencyKey(), reserveKey, event.decodeEvent(OrderPlaced.class).order());
    }
}
