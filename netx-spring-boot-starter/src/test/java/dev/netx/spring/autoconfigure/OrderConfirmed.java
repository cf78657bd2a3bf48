package dev.netx.spring.autoconfigure;

/** A test event: an order was confirmed. */
record OrderConfirmed(String orderId) {
}
