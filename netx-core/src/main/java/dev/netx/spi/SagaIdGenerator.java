package dev.netx.spi;

import dev.netx.internal.engine.TimeOrderedIds;

/**
 * Names new sagas. Ids must be unique across every node of every group, without coordination.
 * Netx appends the saga's shard to the id it returns.
 */
@FunctionalInterface
public interface SagaIdGenerator {

    /** A new unique id of letters and digits. */
    String next();

    /** The default: 128-bit time-ordered random ids (UUID version 7) as 32 hex digits. */
    static SagaIdGenerator timeOrdered() {
        return new TimeOrderedIds();
    }
}
