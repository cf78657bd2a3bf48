package dev.netx.samples.shop;

import dev.netx.RemoteSagaException;

/**
 * Why an order was cancelled: the exception's class name as it was thrown in the service that
 * failed, and its message.
 *
 * @param type    the exception's class name
 * @param message its message
 */
public record Reason(String type, String message) {

    /** The reason of a failure that travelled back from another service. */
    public static Reason of(Throwable failure) {
        if (failure instanceof RemoteSagaException remote) {
            return new Reason(remote.remoteType(), remote.remoteMessage());
        }
        return new Reason(failure.getClass().getName(), failure.getMessage());
    }

    /** The reason of a choreography rollback cause, {@code type: message}. */
    public static Reason ofCause(String cause) {
        int colon = cause == null ? -1 : cause.indexOf(": ");
        return colon < 0 ? new Reason("unknown", cause) : new Reason(cause.substring(0, colon), cause.substring(colon + 2));
    }
}
