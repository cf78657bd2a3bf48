package dev.netx.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The orders the load places, drawn from a seeded random: mostly orders that go through, some that
 * the payment service refuses (balance), some that the inventory service refuses (stock), a few for
 * an unknown customer; half orchestrated, half choreographed. A scenario may mix in poison orders:
 * orders for a product no inventory has, whose reservation handler throws on every delivery.
 */
final class OrderMix {

    /** What an order is meant to meet. */
    enum Kind { NORMAL, POOR, OUT_OF_STOCK, UNKNOWN_CUSTOMER, POISON }

    /** The product of poison orders: unknown to the inventory service, so its handler always throws. */
    static final String POISON_PRODUCT = "poison";

    /**
     * One order to place.
     *
     * @param kind  what it is meant to meet
     * @param style orchestration or choreography
     * @param body  the JSON body of POST /orders
     */
    record Draw(Kind kind, String style, Map<String, Object> body) {

        /** The same order, orchestrated. */
        Draw orchestrated() {
            return new Draw(kind, "orchestration", body);
        }
    }

    private final ShopSettings.Seed seed;
    private final Random random;

    OrderMix(ShopSettings.Seed seed, long randomSeed) {
        this.seed = seed;
        this.random = new Random(randomSeed);
    }

    /** The next order. Not thread-safe: one mix per client. */
    Draw next() {
        return next(0);
    }

    /**
     * The next order, a poison order with the given probability (the draws of a mix without poison
     * stay those of {@link #next()}).
     */
    Draw next(double poisonShare) {
        if (poisonShare > 0 && random.nextDouble() < poisonShare) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("customerId", "c" + (1 + random.nextInt(seed.customers())));
            body.put("productId", POISON_PRODUCT);
            body.put("quantity", 1);
            body.put("amount", 1 + random.nextInt(50));
            return new Draw(Kind.POISON, random.nextBoolean() ? "orchestration" : "choreography", body);
        }
        int roll = random.nextInt(100);
        Kind kind = roll < 80 ? Kind.NORMAL : roll < 88 ? Kind.POOR : roll < 96 ? Kind.OUT_OF_STOCK
                : Kind.UNKNOWN_CUSTOMER;
        String customer = kind == Kind.UNKNOWN_CUSTOMER ? "nobody" : "c" + (1 + random.nextInt(seed.customers()));
        String product = "p" + (1 + random.nextInt(seed.products()));
        int quantity = kind == Kind.OUT_OF_STOCK ? (int) Math.min(Integer.MAX_VALUE, seed.stock() + 1)
                : 1 + random.nextInt(3);
        long amount = kind == Kind.POOR ? seed.balance() + 1 : 1 + random.nextInt(50);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customer);
        body.put("productId", product);
        body.put("quantity", quantity);
        body.put("amount", amount);
        return new Draw(kind, random.nextBoolean() ? "orchestration" : "choreography", body);
    }
}
