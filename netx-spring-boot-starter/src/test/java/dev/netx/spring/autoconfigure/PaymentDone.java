package dev.netx.spring.autoconfigure;

/** A test event: an order was paid. */
record PaymentDone(String orderId) {
}
