package dev.netx;

import java.time.Duration;
import java.util.Objects;

/**
 * What waits for this node's group on one stream of one shard, as last sampled (every
 * {@link NetxOptions#trimInterval()}): the backlog that an autoscaler of the group reads.
 *
 * @param group         the group
 * @param shard         the shard
 * @param stream        which of the shard's streams
 * @param lag           messages not yet delivered to any node of the group (before Redis 7, counted up
 *                      to 1,000)
 * @param pending       messages delivered to a node of the group and not yet finished
 * @param oldestPending how long ago the oldest pending message was written; zero when none is pending
 */
public record ShardBacklog(String group, int shard, Stream stream, long lag, long pending, Duration oldestPending) {

    /** The streams a group reads on each shard. */
    public enum Stream {
        /** The group's own inbox: orchestration steps and replies sent to it. */
        INBOX,
        /** The shard's choreography events, read by groups that have listeners. */
        EVENTS
    }

    /** Validates. */
    public ShardBacklog {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(oldestPending, "oldestPending");
        if (shard < 0 || lag < 0 || pending < 0 || oldestPending.isNegative()) {
            throw new IllegalArgumentException("shards, counts and ages cannot be negative");
        }
    }

    /** Messages that no node of the group has finished: lag and pending. */
    public long waiting() {
        return lag + pending;
    }
}
