package dev.netx;

/** An encoded event larger than {@link NetxOptions#maxPayloadBytes()}; nothing was written to Redis. */
public class PayloadTooLargeException extends NetxException {

    private static final long serialVersionUID = 1L;

    /** An exception for a payload of {@code size} bytes over a limit of {@code limit} bytes. */
    public PayloadTooLargeException(long size, long limit) {
        super("encoded event is " + size + " bytes, over netx max-payload-bytes " + limit);
    }
}
