package dev.netx.samples.shop;

/** Choreography: the customer was debited; inventory reserves the stock. */
public record PaymentDone(OrderLine order) {
}
