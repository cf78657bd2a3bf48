package dev.netx.internal.engine;

import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The streams a group reads on a shard, and the creation of its consumer group on them. */
final class ConsumerGroups {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroups.class);

    private final KeySpace keys;
    private final String group;
    private final boolean readsEvents;

    /** The streams of a group; {@code readsEvents} when it has choreography listeners. */
    ConsumerGroups(KeySpace keys, String group, boolean readsEvents) {
        this.keys = keys;
        this.group = group;
        this.readsEvents = readsEvents;
    }

    /** Whether the group reads the shared events streams (it has choreography listeners). */
    boolean readsEvents() {
        return readsEvents;
    }

    /** The group's own inbox of a shard, and the shared events stream when it reads events. */
    List<String> streams(int shard) {
        return readsEvents ? List.of(keys.events(shard), keys.inbox(shard, group)) : List.of(keys.inbox(shard, group));
    }

    /** The heartbeats of the group's nodes on a shard (see the trim script). */
    String heartbeats(int shard) {
        return keys.heartbeats(shard, group);
    }

    /**
     * Creates the group on a shard's streams where missing. The group's own inbox is always read from
     * its start: whatever is there was sent to this group, also before the group first started (a
     * participant deployed after the orchestrators that call it). The shared events stream is read
     * from its end at first start (a new group does not replay other sagas' events), and from its
     * start when {@code lost} (the stream or the group was lost, so everything still there is new to it).
     */
    void ensure(RedisClusterCommands<String, String> redis, int shard, boolean lost) {
        String inbox = keys.inbox(shard, group);
        for (String stream : streams(shard)) {
            boolean fromStart = lost || stream.equals(inbox);
            if (!lost && exists(redis, stream)) {
                // a write Redis would refuse under maxmemory, though the group exists: a node must start then
                continue;
            }
            try {
                redis.xgroupCreate(fromStart ? StreamOffset.from(stream, "0") : StreamOffset.latest(stream), group,
                        XGroupCreateArgs.Builder.mkstream());
                if (lost) {
                    log.error("consumer group {} was missing on {} (stream deleted or Redis restarted empty): "
                            + "recreated from the start of the stream", group, stream);
                } else if (fromStart) {
                    long waiting = redis.xlen(stream);
                    if (waiting > 0) {
                        log.info("group {} starts on {} with {} messages sent to it before it first started",
                                group, stream, waiting);
                    }
                }
            } catch (RedisBusyException e) {
                // BUSYGROUP: it exists, as expected.
            } catch (RedisCommandExecutionException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                    throw e;
                }
            }
        }
    }

    private boolean exists(RedisClusterCommands<String, String> redis, String stream) {
        if (redis.exists(stream) == 0) {
            return false;
        }
        return redis.xinfoGroups(stream).stream().anyMatch(info -> info instanceof List<?> fields
                && fields.indexOf("name") >= 0 && fields.indexOf("name") + 1 < fields.size()
                && group.equals(String.valueOf(fields.get(fields.indexOf("name") + 1))));
    }
}
