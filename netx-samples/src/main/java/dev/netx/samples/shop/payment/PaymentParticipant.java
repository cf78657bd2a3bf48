package dev.netx.samples.shop.payment;

import dev.netx.SagaContext;
import dev.netx.samples.shop.OrderLine;
import dev.netx.spring.SagaParticipant;
import java.sql.SQLException;

/** The order saga, orchestrated: the payment service's steps, called by the order service. */
public class PaymentParticipant {

    private final Accounts accounts;

    public PaymentParticipant(Accounts accounts) {
        this.accounts = accounts;
    }

    @SagaParticipant("debit")
    public OrderLine debit(OrderLine order, SagaContext context) throws SQLException {
        accounts.debit(context.idempotencyKey(), order);
        return order;
    }

    /** Undoes a debit; the orchestrator calls it only for a debit that succeeded. */
    @SagaParticipant("refund")
    public void refund(OrderLine order, SagaContext context) throws SQLException {
        accounts.refund(context.idempotencyKey(), null, order);
    }

    /** Version 2 of the order saga calls the refund by this name; both stay while sagas of version 1 run. */
    @SagaParticipant("refund-order")
    public void refundOrder(OrderLine order, SagaContext context) throws SQLException {
        accounts.refund(context.idempotencyKey(), null, order);
    }
}
