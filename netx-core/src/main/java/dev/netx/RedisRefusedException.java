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

    private static boolean refers(String message, String code) {
        return message.startsWith(code) || message.contains("-" + code + " ");
    }

    private static String describe(Throwable cause) {
        // Redis 6.2 wraps a refusal inside a script as "ERR Error running script ... -OOM ...".
        String message = String.valueOf(cause.getMessage());
        if (refers(message, "OOM")) {
            return "out of memory (maxmemory reached, noeviction): " + message;
        }
        if (refers(message, "READONLY")) {
            return "the server is a read-only replica (failover in progress?): " + message;
        }
        if (refers(message, "NOAUTH") || refers(message, "WRONGPASS") || refers(message, "NOPERM")) {
            return "authentication or ACL: " + message;
        }
        return message;
    }
}
