package dev.netx.faults;

import java.util.Map;

/**
 * What the netx keys of a Redis look like at one moment.
 *
 * @param pending            entries pending in any group of any netx stream
 * @param consumersByGroup   per group, the most consumers it has on any one stream
 * @param longestStream      the length of the longest events or inbox stream
 * @param streams            how many netx streams there are
 * @param deadLetters        entries in the dead-letter streams
 * @param sagaKeys           saga state hashes
 * @param keysWithoutTtl     saga, idempotency and lease keys that would never expire
 */
record RedisState(long pending, Map<String, Integer> consumersByGroup, long longestStream, int streams,
        long deadLetters, long sagaKeys, long keysWithoutTtl) {

    /** This state and that of another Redis together (the masters of a Cluster): counts add up, maxima stay maxima. */
    RedisState plus(RedisState other) {
        Map<String, Integer> consumers = new java.util.HashMap<>(consumersByGroup);
        other.consumersByGroup.forEach((group, count) -> consumers.merge(group, count, Math::max));
        return new RedisState(pending + other.pending, Map.copyOf(consumers), Math.max(longestStream, other.longestStream),
                streams + other.streams, deadLetters + other.deadLetters, sagaKeys + other.sagaKeys,
                keysWithoutTtl + other.keysWithoutTtl);
    }

    /** The most consumers any group has on one stream. */
    int maxConsumers() {
        return consumersByGroup.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
