package dev.netx.samples.shop;

/**
 * One order as every service sees it: the saga's request in orchestration, and the fields of every
 * choreography event.
 *
 * @param orderId    the order
 * @param customerId who pays
 * @param productId  what is bought
 * @param quantity   how many
 * @param amount     how much it costs in all
 */
public record OrderLine(String orderId, String customerId, String productId, int quantity, long amount) {
}
