package dev.netx.internal.engine;

import java.util.Map;

/**
 * One stream entry delivered to this node.
 *
 * @param shard         its shard
 * @param stream        the stream key it came from
 * @param id            its entry id
 * @param fields        its fields; empty if the entry was deleted while pending
 * @param deliveryCount how often it was delivered to the group, as far as known
 */
record Delivery(int shard, String stream, String id, Map<String, String> fields, long deliveryCount) {

    String key() {
        return stream + "#" + id;
    }
}
