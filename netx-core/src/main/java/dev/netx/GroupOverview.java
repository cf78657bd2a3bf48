package dev.netx;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A group of the namespace as the console shows it (see {@link SagaInspector#groups()}): its live
 * nodes and what waits for it on each shard.
 *
 * @param group     the group
 * @param liveNodes how many of its nodes tended their streams recently (see {@link GroupBacklog})
 * @param backlog   what waits for it on its inbox of each shard, and on each shard's events stream
 *                  when it listens to events
 */
public record GroupOverview(String group, int liveNodes, List<ShardBacklog> backlog) {

    /** Validates; the list is copied. */
    public GroupOverview {
        Objects.requireNonNull(group, "group");
        backlog = List.copyOf(backlog);
    }

    /** Messages waiting for the group on all its streams and shards: lag and pending. */
    public long waiting() {
        return backlog.stream().mapToLong(ShardBacklog::waiting).sum();
    }

    /** How long ago the oldest message pending with the group was written; zero when none is. */
    public Duration oldestPending() {
        return backlog.stream().map(ShardBacklog::oldestPending).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
