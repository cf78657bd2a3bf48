package dev.netx;

/** What a listener publishes when it returns normally. */
public enum SuccessWith {
    /** Publish a join event with the listener's returned value as its payload. */
    PUBLISH_JOIN,
    /** Publish a commit event with the listener's returned value as its payload. */
    PUBLISH_COMMIT,
    /** Publish nothing: the message is acknowledged and the saga goes on elsewhere. */
    END
}
