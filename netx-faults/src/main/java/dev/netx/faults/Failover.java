package dev.netx.faults;

/**
 * One failover of a replicated Redis (Sentinel or Cluster) as it ran.
 *
 * @param kind       what was done, e.g. {@code SENTINEL FAILOVER} or {@code kill -9}
 * @param atMs       when it was injected, on the scenario's timeline
 * @param writableMs how long after it the new master, named so by the topology (every Sentinel, or
 *                   the cluster), took a write; -1 if not within the bound
 * @param demotedMs  how long after it the old master turned replica (until then it took the writes of
 *                   the clients still connected to it); -1 for a kill
 */
record Failover(String kind, long atMs, long writableMs, long demotedMs) {
}
