package dev.netx;

import java.time.Duration;
import java.util.Objects;

/**
 * What waits for a group that this node's orchestrators call, as last sampled (every
 * {@link NetxOptions#trimInterval()}): a saga whose remote step was sent to a group with no live
 * node waits, without any deadline, until a node of that group starts.
 *
 * @param group         the group
 * @param liveNodes     how many of its nodes tended their streams recently (within four orphan timeouts,
 *                      and at least three trim intervals, of this node's settings)
 * @param waiting       messages in the group's inboxes that none of its nodes has finished: pending or
 *                      not yet delivered (before Redis 7, undelivered ones are counted up to 1,000 a shard)
 * @param oldestWaiting how long the oldest of them has waited; zero when none waits
 * @param started       whether a node of the group ever started (its consumer group exists)
 */
public record GroupBacklog(String group, int liveNodes, long waiting, Duration oldestWaiting, boolean started) {

    /** Validates. */
    public GroupBacklog {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(oldestWaiting, "oldestWaiting");
        if (liveNodes < 0 || waiting < 0 || oldestWaiting.isNegative()) {
            throw new IllegalArgumentException("counts and ages cannot be negative");
        }
    }

    /** Whether messages wait on this group while it has no live node to take them. */
    public boolean unattended() {
        return liveNodes == 0 && waiting > 0;
    }
}
