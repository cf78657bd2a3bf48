package dev.netx.benchmarks;

/**
 * The request every workload carries: small, as a real order reference would be.
 *
 * @param id     the order's id
 * @param amount its amount in cents
 */
public record Order(String id, long amount) {

    /** The order of the given sequence number. */
    public static Order of(long sequence) {
        return new Order("o-" + sequence, 100 + sequence % 900);
    }
}
