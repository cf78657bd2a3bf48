package dev.netx;

import java.util.Objects;

/**
 * A failure from another service whose exception class could not, or was not allowed to, be recreated
 * here: it is not on this classpath, not a {@link Throwable}, or not in a trusted package. It names the
 * remote class, carries the remote message, uses the remote stack frames as its own stack trace, and
 * its cause is the remote cause, decoded by the same rules.
 */
public class RemoteSagaException extends NetxException {

    private static final long serialVersionUID = 1L;

    private final String remoteType;
    private final String remoteMessage;

    /**
     * A remote failure.
     *
     * @param remoteType the remote exception's class name; not null
     * @param remoteMessage the remote message; may be null
     * @param remoteFrames the remote stack frames, top first, without null elements; null means none
     * @param cause the decoded remote cause; may be null
     */
    public RemoteSagaException(String remoteType, String remoteMessage, StackTraceElement[] remoteFrames,
            Throwable cause) {
        super(describe(remoteType, remoteMessage), cause);
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
        // The local frames only show where the envelope was decoded; the remote ones show where it failed.
        setStackTrace(remoteFrames == null ? new StackTraceElement[0] : remoteFrames.clone());
    }

    /** The class name of the exception thrown by the remote service; never null. */
    public String remoteType() {
        return remoteType;
    }

    /** The remote exception's message, or null if it had none. */
    public String remoteMessage() {
        return remoteMessage;
    }

    private static String describe(String remoteType, String remoteMessage) {
        Objects.requireNonNull(remoteType, "remoteType");
        return remoteMessage == null ? remoteType : remoteType + ": " + remoteMessage;
    }
}
