package dev.netx.benchmarks;

import java.util.Locale;

/** The Redis a run measures against. */
public enum Topology {
    /** One redis-server process. */
    STANDALONE,
    /** A Redis Cluster of three masters without replicas. */
    CLUSTER;

    /** The name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The topology named on the command line.
     *
     * @throws IllegalArgumentException if the name is neither {@code standalone} nor {@code cluster}
     */
    public static Topology of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--topology must be standalone or cluster, was '" + name + "'");
        }
    }
}
