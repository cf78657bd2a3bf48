package dev.netx;

/**
 * A snapshot of a node, for health checks and gauges.
 *
 * @param running        whether the node is started and not closed
 * @param readersAlive   whether every shard reader loop is running
 * @param shards         how many shards the node reads
 * @param inFlight       messages being handled now
 * @param waitingCallers callers waiting for saga outcomes on this node
 */
public record NetxStatus(boolean running, boolean readersAlive, int shards, int inFlight, int waitingCallers) {
}
