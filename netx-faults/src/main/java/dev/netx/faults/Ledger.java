package dev.netx.faults;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The side effects as the roles' own databases hold them: every order with its status, every
 * balance and stock, and every idempotency key the payment and inventory services recorded in the
 * same transaction as a debit, refund, reservation or release.
 *
 * @param orders        every order row
 * @param balances      customer to balance
 * @param stock         product to stock
 * @param paymentKeys   the payment database's idempotency keys
 * @param inventoryKeys the inventory database's idempotency keys
 */
record Ledger(List<Order> orders, Map<String, Long> balances, Map<String, Long> stock, Set<String> paymentKeys,
        Set<String> inventoryKeys) {

    /** Reads the three databases; blocks. */
    static Ledger read(Fleet fleet) {
        List<Order> orders = fleet.database("order").query("SELECT * FROM orders", row -> new Order(
                row.getString("order_id"), row.getString("saga_id"), row.getString("customer_id"),
                row.getString("product_id"), row.getInt("quantity"), row.getLong("amount"), row.getString("status")));
        Map<String, Long> balances = fleet.database("payment").query("SELECT customer_id, balance FROM accounts",
                row -> Map.entry(row.getString(1), row.getLong(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, Long> stock = fleet.database("inventory").query("SELECT product_id, stock FROM products",
                row -> Map.entry(row.getString(1), row.getLong(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new Ledger(orders, balances, stock, keys(fleet, "payment"), keys(fleet, "inventory"));
    }

    /**
     * What a new shop's databases hold once each role seeded its own: no order and no effect, every
     * customer with the seed's balance, every product with its stock (the shop's {@code c1..cN} and
     * {@code p1..pM}).
     */
    static Ledger seeded(ShopSettings.Seed seed) {
        Map<String, Long> balances = new java.util.HashMap<>();
        for (int i = 1; i <= seed.customers(); i++) {
            balances.put("c" + i, seed.balance());
        }
        Map<String, Long> stock = new java.util.HashMap<>();
        for (int i = 1; i <= seed.products(); i++) {
            stock.put("p" + i, seed.stock());
        }
        return new Ledger(List.of(), Map.copyOf(balances), Map.copyOf(stock), Set.of(), Set.of());
    }

    private static Set<String> keys(Fleet fleet, String role) {
        return Set.copyOf(fleet.database(role).query("SELECT idempotency_key FROM netx_idempotency",
                row -> row.getString(1)));
    }

    /** The ids of every order. */
    Set<String> orderIds() {
        return orders.stream().map(Order::orderId).collect(Collectors.toSet());
    }

    /**
     * One row of the orders table.
     *
     * @param orderId    the order
     * @param sagaId     its saga
     * @param customerId who pays
     * @param productId  what is bought
     * @param quantity   how many
     * @param amount     how much
     * @param status     PENDING, CONFIRMED or CANCELLED
     */
    record Order(String orderId, String sagaId, String customerId, String productId, int quantity, long amount,
            String status) {

        boolean isFinal() {
            return "CONFIRMED".equals(status) || "CANCELLED".equals(status);
        }
    }
}
