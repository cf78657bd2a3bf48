package shop.inventory;

/** A participant's business failure with fields, as a remote group would throw it. */
public class OutOfStockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String productId;
    private final int requested;

    public OutOfStockException(String productId, int requested) {
        super("no stock for " + requested + " of " + productId);
        this.productId = productId;
        this.requested = requested;
    }

    public String productId() {
        return productId;
    }

    public int requested() {
        return requested;
    }
}
