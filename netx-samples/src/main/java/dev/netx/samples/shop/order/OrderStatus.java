package dev.netx.samples.shop.order;

/** Where an order stands. */
public enum OrderStatus {
    /** The saga runs. */
    PENDING,
    /** Paid and reserved. */
    CONFIRMED,
    /** Undone, with a reason. */
    CANCELLED
}
