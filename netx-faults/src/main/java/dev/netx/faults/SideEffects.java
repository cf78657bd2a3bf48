package dev.netx.faults;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The side-effect invariants of one scenario, checked on the roles' databases alone: every new order
 * ended; every debit, refund, reservation and release happened exactly as its order's outcome
 * requires; every balance and stock changed by exactly the recorded effects; stock never negative.
 *
 * @param ended               orders (of those checked) that are CONFIRMED or CANCELLED
 * @param confirmed           of those, CONFIRMED
 * @param notEnded            orders still PENDING
 * @param missedCompensations cancelled orders whose debit or reservation was not undone
 * @param doubleEffects       compensations of confirmed orders, effects without a saga, and balances
 *                            or stock that differ from the recorded effects (an effect done twice)
 * @param negativeStock       products below zero
 * @param unrecognisedKeys    idempotency keys that name no known effect
 * @param problems            each broken invariant, readable
 */
record SideEffects(int ended, int confirmed, int notEnded, int missedCompensations, int doubleEffects,
        int negativeStock, int unrecognisedKeys, List<String> problems) {

    /**
     * Checks what happened between two readings of the ledger (a scenario's): the orders and keys that
     * are new in {@code after}, and the change of every balance and stock against the new effects.
     */
    static SideEffects check(Ledger before, Ledger after) {
        Map<String, EnumSet<Effect>> effects = new HashMap<>();
        int unrecognised = 0;
        for (Map.Entry<String, Set<String>> keys : Map.of("payment", newKeys(before.paymentKeys(), after.paymentKeys()),
                "inventory", newKeys(before.inventoryKeys(), after.inventoryKeys())).entrySet()) {
            for (String key : keys.getValue()) {
                var recorded = Effect.of(keys.getKey(), key);
                if (recorded.isEmpty()) {
                    unrecognised++;
                } else {
                    effects.computeIfAbsent(recorded.get().sagaId(), id -> EnumSet.noneOf(Effect.class))
                            .add(recorded.get().effect());
                }
            }
        }
        Set<String> oldOrders = before.orderIds();
        List<String> problems = new ArrayList<>();
        Map<String, Ledger.Order> bySaga = new HashMap<>();
        int ended = 0, confirmed = 0, notEnded = 0, missed = 0, doubled = 0;
        for (Ledger.Order order : after.orders()) {
            bySaga.put(order.sagaId(), order);
            if (oldOrders.contains(order.orderId())) {
                continue;
            }
            Set<Effect> done = effects.getOrDefault(order.sagaId(), EnumSet.noneOf(Effect.class));
            switch (order.status()) {
                case "CONFIRMED" -> {
                    ended++;
                    confirmed++;
                    if (!done.equals(EnumSet.of(Effect.DEBIT, Effect.RESERVE))) {
                        doubled++;
                        problems.add("confirmed order " + order.orderId() + " (saga " + order.sagaId()
                                + ") has effects " + done + ", expected [DEBIT, RESERVE]");
                    }
                }
                case "CANCELLED" -> {
                    ended++;
                    if (done.contains(Effect.DEBIT) != done.contains(Effect.REFUND)
                            || done.contains(Effect.RESERVE) != done.contains(Effect.RELEASE)) {
                        missed++;
                        problems.add("cancelled order " + order.orderId() + " (saga " + order.sagaId()
                                + ") has effects " + done + ": something done was not undone");
                    }
                }
                default -> notEnded++;
            }
        }
        Map<String, Long> paid = new HashMap<>();
        Map<String, Long> taken = new HashMap<>();
        for (var entry : effects.entrySet()) {
            Ledger.Order order = bySaga.get(entry.getKey());
            if (order == null) {
                doubled++;
                problems.add("effects " + entry.getValue() + " of saga " + entry.getKey() + " that no order has");
                continue;
            }
            Set<Effect> done = entry.getValue();
            long debits = (done.contains(Effect.DEBIT) ? 1 : 0) - (done.contains(Effect.REFUND) ? 1 : 0);
            long reserves = (done.contains(Effect.RESERVE) ? 1 : 0) - (done.contains(Effect.RELEASE) ? 1 : 0);
            paid.merge(order.customerId(), debits * order.amount(), Long::sum);
            taken.merge(order.productId(), reserves * order.quantity(), Long::sum);
        }
        for (var account : after.balances().entrySet()) {
            long spent = before.balances().getOrDefault(account.getKey(), account.getValue()) - account.getValue();
            long recorded = paid.getOrDefault(account.getKey(), 0L);
            if (spent != recorded) {
                doubled++;
                problems.add("customer " + account.getKey() + " spent " + spent
                        + " in the scenario, its recorded debits less refunds are " + recorded);
            }
        }
        int negative = 0;
        for (var product : after.stock().entrySet()) {
            long out = before.stock().getOrDefault(product.getKey(), product.getValue()) - product.getValue();
            long recorded = taken.getOrDefault(product.getKey(), 0L);
            if (product.getValue() < 0) {
                negative++;
                problems.add("product " + product.getKey() + " has negative stock " + product.getValue());
            }
            if (out != recorded) {
                doubled++;
                problems.add("product " + product.getKey() + " gave out " + out
                        + " in the scenario, its recorded reservations less releases are " + recorded);
            }
        }
        if (notEnded > 0) {
            problems.add(notEnded + " orders still PENDING");
        }
        return new SideEffects(ended, confirmed, notEnded, missed, doubled, negative, unrecognised,
                List.copyOf(problems.size() > 50 ? problems.subList(0, 50) : problems));
    }

    private static Set<String> newKeys(Set<String> before, Set<String> after) {
        Set<String> added = new java.util.HashSet<>(after);
        added.removeAll(before);
        return added;
    }
}
