package dev.netx.samples.shop.inventory;

/** No such product: the order is cancelled with this as its reason. */
public class UnknownProductException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String productId;

    public UnknownProductException(String productId) {
        super("unknown product " + productId);
        this.productId = productId;
    }

    public String productId() {
        return productId;
    }
}
