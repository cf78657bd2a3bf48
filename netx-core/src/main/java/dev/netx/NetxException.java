package dev.netx;

/** The root of the exceptions Netx throws. */
public class NetxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public NetxException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public NetxException(String message, Throwable cause) {
        super(message, cause);
    }
}
