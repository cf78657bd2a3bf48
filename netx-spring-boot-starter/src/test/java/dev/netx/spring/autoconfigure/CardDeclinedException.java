package dev.netx.spring.autoconfigure;

/** A test failure that rolls a saga back. */
class CardDeclinedException extends RuntimeException {

    CardDeclinedException(String message) {
        super(message);
    }
}
