package dev.netx.internal.redis;

import dev.netx.NetxOptions;
import java.util.Objects;

/**
 * Every Redis key Netx uses, built in one place. All keys of one shard share the hash tag
 * {@code {namespace:shard}}, so a script can touch them atomically and a cluster keeps them on one node.
 */
public final class KeySpace {

    private static final String PREFIX = "netx:";

    private final String namespace;
    /** {@code netx:{namespace:shard}:} per shard, built once: keys are made for every message. */
    private final String[] prefixes = new String[NetxOptions.MAX_SHARDS];

    /** The keys of a namespace. */
    public KeySpace(String namespace) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /** The hash tag of a shard, braces included. */
    public String tag(int shard) {
        return "{" + namespace + ":" + shard + "}";
    }

    private String shardKey(int shard, String rest) {
        String prefix = prefixes[shard];
        if (prefix == null) {
            prefix = PREFIX + tag(shard) + ":";
            prefixes[shard] = prefix;
        }
        return prefix.concat(rest);
    }

    /** The stream of saga events of a shard, read by every group. */
    public String events(int shard) {
        return shardKey(shard, "events");
    }

    /** The stream of messages for one group only (relayed dead letters, commands). */
    public String inbox(int shard, String group) {
        return shardKey(shard, "inbox:" + group);
    }

    /** The dead-letter stream of a shard. */
    public String deadLetters(int shard) {
        return shardKey(shard, "dead");
    }

    /**
     * The state hash of a saga. It also holds the saga's idempotency records, one field
     * {@code d:<key>} each (a publish id, a compensation done), so that they expire with it.
     */
    public String saga(int shard, String sagaId) {
        return shardKey(shard, "saga:" + sagaId);
    }

    /**
     * Which saga holds a caller's saga key: {@code <saga id>|<fingerprint of its request>}. It lives on
     * the saga's shard, expires with the saga's state (the saga's field {@code ik} names it), and is
     * written in the script that starts the saga.
     */
    public String sagaKey(int shard, String key) {
        return shardKey(shard, "key:" + key);
    }

    /**
     * The sagas of a group's orchestrators on a shard that have not finished, per orchestrator version:
     * a hash {@code <orchestrator>|<version>:<fingerprint>} to a count, up at launch and down when the
     * saga finishes.
     */
    public String running(int shard, String group) {
        return shardKey(shard, "running:" + group);
    }

    /**
     * The sagas of a shard that have not finished, of every group, by start time (a sorted set of saga
     * ids by epoch ms), for the console: added when a saga starts, removed when it finishes. Written
     * only by nodes that keep history.
     */
    public String activeSagas(int shard) {
        return shardKey(shard, "active");
    }

    /** How many sagas of a shard started, committed and rolled back (a hash), for the console. */
    public String sagaCounts(int shard) {
        return shardKey(shard, "counts");
    }

    /** The last 100 sagas of a shard that rolled back, newest first (a list of saga ids), for the console. */
    public String lastRolledBack(int shard) {
        return shardKey(shard, "last-rolled-back");
    }

    /**
     * The rolled-back choreographed sagas of a shard, kept until every group has read past their
     * rollback: a sorted set of saga ids by the time (epoch ms) of their last change.
     */
    public String rolledBack(int shard) {
        return shardKey(shard, "rolled-back");
    }

    /** The lease that lets one node at a time run the compensation with this idempotency key. */
    public String lease(int shard, String idempotencyKey) {
        return shardKey(shard, "lease:" + idempotencyKey);
    }

    /**
     * The calls to participants that orchestrators of a group wait on past a deadline: a sorted set
     * by deadline (epoch ms) of {@code <saga>|<step>|<participant group>|<call entry id>}.
     */
    public String deadlines(int shard, String group) {
        return shardKey(shard, "deadlines:" + group);
    }

    /** The prefix of the pub/sub channels telling a node that a saga it started has finished. */
    public String outcomeChannelPrefix() {
        return PREFIX + "{" + namespace + "}:outcomes:";
    }

    /** When each node of a group last tended its streams of a shard (a sorted set): keeps live nodes' consumers. */
    public String heartbeats(int shard, String group) {
        return shardKey(shard, "nodes:" + group);
    }

    /** The prefix of the keys holding why a group failed a message, followed by the entry id. */
    public String failurePrefix(int shard, String group) {
        return shardKey(shard, "fail:" + group + ":");
    }

    /** The state of the rate limit of a group's orchestrator: when its next permit is free, in ms. */
    public String orchestratorRateLimit(String group, String orchestrator) {
        return rateLimit(group, "o:" + orchestrator);
    }

    /** The state of the rate limit of a group's participant handler: when its next permit is free, in ms. */
    public String handlerRateLimit(String group, String handler) {
        return rateLimit(group, "h:" + handler);
    }

    /** A hash tag of its own per limit, so that a Cluster spreads limits. */
    private String rateLimit(String group, String name) {
        return PREFIX + "{" + namespace + ":rate:" + group + ":" + name + "}";
    }

    /**
     * What the namespace's nodes did in the interval that starts at {@code startSecond} (epoch
     * seconds): a hash of counts, see the engine's {@code Activity}.
     */
    public String activity(long startSecond) {
        return PREFIX + "{" + namespace + "}:activity:" + startSecond;
    }

    /** The namespace's metadata hash (highest shard count in use). */
    public String meta() {
        return PREFIX + "{" + namespace + "}:meta";
    }
}
