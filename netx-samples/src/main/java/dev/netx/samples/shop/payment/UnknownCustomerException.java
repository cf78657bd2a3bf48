package dev.netx.samples.shop.payment;

/** No such customer: the order is cancelled with this as its reason. */
public class UnknownCustomerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String customerId;

    public UnknownCustomerException(String customerId) {
        super("unknown customer " + customerId);
        this.customerId = customerId;
    }

    public String customerId() {
        return customerId;
    }
}
