package dev.netx.spring.autoconfigure;

/** A test event: an order was placed. */
record OrderPlaced(String orderId, int amount) {
}
