package dev.netx.benchmarks;

/** What the failing last step of the compensation workload throws. */
public final class OrderRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A rejection of the given order. */
    public OrderRejectedException(String orderId) {
        super("order " + orderId + " rejected");
    }
}
