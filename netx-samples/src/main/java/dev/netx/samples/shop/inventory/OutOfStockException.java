package dev.netx.samples.shop.inventory;

/** Not enough stock: the order is cancelled with this as its reason. */
public class OutOfStockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String productId;
    private final long requested;
    private final long available;

    public OutOfStockException(String productId, long requested, long available) {
        super("product " + productId + " has " + available + " in stock, the order needs " + requested);
        this.productId = productId;
        this.requested = requested;
        this.available = available;
    }

    public String productId() {
        return productId;
    }

    public long requested() {
        return requested;
    }

    public long available() {
        return available;
    }
}
