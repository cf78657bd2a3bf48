package dev.netx;

import java.util.List;

/**
 * A snapshot of a node, for health checks and gauges.
 *
 * @param running        whether the node is started and not closed
 * @param readersAlive   whether every shard reader loop is running
 * @param shards         how many shards the node reads
 * @param inFlight       messages being handled now
 * @param waitingCallers callers waiting for saga outcomes on this node
 * @param calledGroups   what waits for each group that this node's orchestrators call, as last
 *                       sampled; empty on a node without orchestrators and before the first sample
 */
public record NetxStatus(boolean running, boolean readersAlive, int shards, int inFlight, int waitingCallers,
        List<GroupBacklog> calledGroups) {

    /** Validates; the list is copied. */
    public NetxStatus {
        calledGroups = List.copyOf(calledGroups);
    }

    /** The called groups that have messages waiting and no live node to take them. */
    public List<GroupBacklog> unattendedGroups() {
        return calledGroups.stream().filter(GroupBacklog::unattended).toList();
    }
}
