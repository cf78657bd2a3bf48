package dev.netx.internal.engine;

import dev.netx.SagaState;
import dev.netx.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A saga's timeline as stored: one field of the saga's hash per entry ({@value #PREFIX}...), written by
 * the script of the transition it records, each a small JSON object. Fields expire with the saga.
 */
final class Timeline {

    /** The prefix of the hash fields of timeline entries. */
    static final String PREFIX = "h:";
    private static final Logger log = LoggerFactory.getLogger(Timeline.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_DETAIL = 500;

    private Timeline() {
    }

    /** The field of the entry for a message a group handled: one per message and group. */
    static String handledField(String messageId, String group) {
        return PREFIX + messageId + ":" + group;
    }

    /**
     * Adds an entry outside a transition's script (a message left for retry, dead-lettered),
     * while the saga's state exists. Never fails: a timeline entry lost to a Redis error is logged.
     */
    static void note(RedisClusterAsyncCommands<String, String> redis, KeySpace keys, String sagaId, String field,
            String entry) {
        int shard;
        try {
            shard = SagaIds.shardOf(sagaId);
        } catch (IllegalArgumentException e) {
            return;
        }
        Scripts.NOTE.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {keys.saga(shard, sagaId)}, field, entry)
                .whenComplete((written, failure) -> {
                    if (failure != null) {
                        log.debug("saga {}: a timeline entry was not written: {}", sagaId, failure.toString());
                    }
                });
    }

    /** An entry, as stored. */
    static String encode(TimelineEntry.Event event, String group, String node, int step, String name, long attempt,
            boolean failed, String state, String detail) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("t", System.currentTimeMillis());
        entry.put("e", event.name());
        entry.put("g", group);
        entry.put("n", node);
        if (step >= 0) {
            entry.put("s", step);
        }
        if (name != null && !name.isEmpty()) {
            entry.put("h", name);
        }
        if (attempt > 0) {
            entry.put("a", attempt);
        }
        if (failed) {
            entry.put("f", true);
        }
        if (state != null && !state.isEmpty()) {
            entry.put("st", state);
        }
        if (detail != null && !detail.isEmpty()) {
            entry.put("x", detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail);
        }
        return JSON.writeValueAsString(entry);
    }

    /** {@code type: message} of an exception envelope, or the text itself if it is none. */
    static String summary(String envelope) {
        if (envelope == null || envelope.isEmpty()) {
            return null;
        }
        try {
            JsonNode tree = JSON.readTree(envelope);
            String type = tree.path("type").asString("");
            String message = tree.path("message").isNull() ? "" : tree.path("message").asString("");
            return message.isEmpty() ? type : type + ": " + message;
        } catch (RuntimeException e) {
            return envelope;
        }
    }

    /** The entries among a saga's hash fields, oldest first; an unreadable entry is skipped. */
    static List<TimelineEntry> read(Map<String, String> saga) {
        List<TimelineEntry> entries = new ArrayList<>();
        saga.entrySet().stream().filter(field -> field.getKey().startsWith(PREFIX))
                .sorted(Map.Entry.comparingByKey()).forEach(field -> {
                    try {
                        entries.add(decode(field.getValue()));
                    } catch (RuntimeException e) {
                        // a field written by a newer Netx, or damaged: the rest of the timeline still shows
                    }
                });
        entries.sort(Comparator.comparing(TimelineEntry::at));
        return entries;
    }

    static TimelineEntry decode(String json) {
        JsonNode tree = JSON.readTree(json);
        String state = tree.path("st").asString(null);
        return new TimelineEntry(Instant.ofEpochMilli(tree.path("t").asLong()),
                TimelineEntry.Event.valueOf(tree.path("e").asString()), tree.path("g").asString(""),
                tree.path("n").asString(""), tree.path("s").asInt(-1), tree.path("h").asString(""),
                tree.path("a").asInt(0), tree.path("f").asBoolean(false),
                state == null ? null : SagaState.valueOf(state), tree.path("x").asString(null));
    }
}
