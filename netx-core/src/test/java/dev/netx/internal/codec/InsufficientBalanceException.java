package dev.netx.internal.codec;

/** A checked exception whose message is computed from its fields, recreated through its constructor. */
class InsufficientBalanceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String customerId;
    private final long balance;
    private final long amount;

    InsufficientBalanceException(String customerId, long balance, long amount) {
        super("customer " + customerId + " has " + balance + ", needs " + amount);
        this.customerId = customerId;
        this.balance = balance;
        this.amount = amount;
    }

    String customerId() {
        return customerId;
    }

    long balance() {
        return balance;
    }

    long amount() {
        return amount;
    }
}
