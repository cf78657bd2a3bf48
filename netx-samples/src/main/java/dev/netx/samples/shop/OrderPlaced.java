package dev.netx.samples.shop;

/** Choreography: an order was placed; payment debits, order records it pending. */
public record OrderPlaced(OrderLine order) {
}
