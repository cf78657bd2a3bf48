package dev.netx.samples.shop.order;

import dev.netx.samples.shop.Reason;

/**
 * An order as GET /orders shows it.
 *
 * @param orderId    the order
 * @param sagaId     its saga
 * @param customerId who pays
 * @param productId  what is bought
 * @param quantity   how many
 * @param amount     how much in all
 * @param status     where it stands
 * @param reason     why it was cancelled, or {@code null}
 * @param sagaVersion the version of the orchestrated saga that ran it when that was 2, else {@code null}
 */
public record OrderView(String orderId, String sagaId, String customerId, String productId, int quantity, long amount,
        OrderStatus status, Reason reason, Integer sagaVersion) {
}
