package dev.netx;

/**
 * Redis refused or could not take a write (out of memory under {@code noeviction}, a read-only
 * replica, missing authentication, unreachable). Nothing of the refused operation was written.
 */
public class RedisRefusedException extends NetxException {

    private static final long serialVersionUID = 1L;

    /** An exception naming what Redis said. */
    public RedisRefusedException(String operation, Throwable cause) {
        super(operation + " refused by Redis: " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (message.startsWith("OOM")) {
            return "out of memory (maxmemory reached, noeviction): " + message;
        }
        if (message.startsWith("READONLY")) {
            return "the server is a read-only replica (failover in progress?): " + message;
        }
        if (message.startsWith("NOAUTH") || message.startsWith("WRONGPASS") || message.startsWith("NOPERM")) {
            return "authentication or ACL: " + message;
        }
        return message;
    }
}
