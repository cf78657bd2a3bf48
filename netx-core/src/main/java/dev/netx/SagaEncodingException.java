package dev.netx;

/** An event that the codec could not encode or decode; nothing was written to Redis. */
public class SagaEncodingException extends NetxException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message and the codec's cause. */
    public SagaEncodingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An exception with a message. */
    public SagaEncodingException(String message) {
        super(message);
    }
}
