package dev.netx;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of a node, for health checks and gauges.
 *
 * @param running        whether the node is started and not closed
 * @param readersAlive   whether every shard reader loop is running
 * @param shards         how many shards the node reads
 * @param inFlight       messages being handled now
 * @param waitingCallers callers waiting for saga outcomes on this node
 * @param backlog        what waits for this node's group on each stream it reads, by shard, as last
 *                       sampled; empty before the first sample
 * @param calledGroups   what waits for each group that this node's orchestrators call, as last
 *                       sampled; empty on a node without orchestrators and before the first sample
 */
public record NetxStatus(boolean running, boolean readersAlive, int shards, int inFlight, int waitingCallers,
        List<ShardBacklog> backlog, List<GroupBacklog> calledGroups) {

    /** Validates; the lists are copied. */
    public NetxStatus {
        backlog = List.copyOf(backlog);
        calledGroups = List.copyOf(calledGroups);
    }

    /** Messages waiting for this node's group on all its streams and shards: lag and pending. */
    public long waiting() {
        return backlog.stream().mapToLong(ShardBacklog::waiting).sum();
    }

    /** How long ago the oldest message pending with this node's group was written; zero when none is. */
    public Duration oldestPending() {
        return backlog.stream().map(ShardBacklog::oldestPending).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The called groups that have messages waiting and no live node to take them. */
    public List<GroupBacklog> unattendedGroups() {
        return calledGroups.stream().filter(GroupBacklog::unattended).toList();
    }
}
