package dev.netx.faults;

/**
 * The shop's Netx keys as seen from outside (the shop runs in the default namespace): the streams
 * faults write garbage into or read pending lists of, and the dead-letter streams.
 */
final class ShopKeys {

    /** The shards of the shop: {@code netx.shards} is left at its default. */
    static final int SHARDS = 16;
    /** {@code netx.max-deliveries} of the shop: left at its default. */
    static final int MAX_DELIVERIES = 5;

    private ShopKeys() {
    }

    /** The saga events stream of a shard, read by every group. */
    static String events(int shard) {
        return "netx:{default:" + shard + "}:events";
    }

    /** A group's own inbox stream of a shard. */
    static String inbox(int shard, String group) {
        return "netx:{default:" + shard + "}:inbox:" + group;
    }

    /** The dead-letter stream of a shard. */
    static String dead(int shard) {
        return "netx:{default:" + shard + "}:dead";
    }
}
