package dev.netx.spring.autoconfigure;

/** A test failure that does not roll a saga back. */
class DuplicatePaymentException extends RuntimeException {

    DuplicatePaymentException(String message) {
        super(message);
    }
}
