package dev.netx.samples.shop;

/** Choreography: the stock was reserved; order confirms and commits the saga. */
public record StockReserved(OrderLine order) {
}
