package dev.netx.samples.shop.payment;

import dev.netx.SagaEvent;
import dev.netx.SuccessWith;
import dev.netx.samples.shop.OrderPlaced;
import dev.netx.samples.shop.PaymentDone;
import dev.netx.spring.SagaRollback;
import dev.netx.spring.SagaStart;
import java.sql.SQLException;

/** The order saga, choreographed: the payment service's part. */
public class PaymentListeners {

    private final Accounts accounts;

    public PaymentListeners(Accounts accounts) {
        this.accounts = accounts;
    }

    @SagaStart(successWith = SuccessWith.PUBLISH_JOIN)
    public PaymentDone debit(SagaEvent<OrderPlaced> event) throws SQLException {
        accounts.debit(event.idempotencyKey(), event.event().order());
        return new PaymentDone(event.event().order());
    }

    /** Refunds, if this saga's debit happened (the rollback also reaches a payment that failed). */
    @SagaRollback
    public void refund(SagaEvent<Object> event) throws SQLException {
        String debitKey = event.sagaId() + ":payment:start";
        accounts.refund(event.idempotencyKey(), debitKey, event.decodeEvent(OrderPlaced.class).order());
    }
}
