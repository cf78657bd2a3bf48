package dev.netx;

/**
 * A start with a saga key that a saga of a different request already holds: the key names one
 * business operation (an order, a payment), so the same key with another request is a caller's
 * mistake, not a retry. Nothing was written.
 */
public class SagaKeyConflictException extends NetxException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String sagaId;

    /** An exception for a key that saga {@code sagaId} holds. */
    public SagaKeyConflictException(String key, String sagaId) {
        super("saga key '" + key + "' belongs to saga " + sagaId + ", started with a different request: "
                + "a retry must send the same request, and a new request needs a new key");
        this.key = key;
        this.sagaId = sagaId;
    }

    /** The key. */
    public String key() {
        return key;
    }

    /** The saga that holds the key. */
    public String sagaId() {
        return sagaId;
    }
}
