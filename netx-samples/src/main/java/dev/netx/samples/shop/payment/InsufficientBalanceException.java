package dev.netx.samples.shop.payment;

/** The customer cannot pay: the order is cancelled with this as its reason. */
public class InsufficientBalanceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String customerId;
    private final long balance;
    private final long amount;

    public InsufficientBalanceException(String customerId, long balance, long amount) {
        super("customer " + customerId + " has a balance of " + balance + ", the order needs " + amount);
        this.customerId = customerId;
        this.balance = balance;
        this.amount = amount;
    }

    public String customerId() {
        return customerId;
    }

    public long balance() {
        return balance;
    }

    public long amount() {
        return amount;
    }
}
