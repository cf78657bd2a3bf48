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

    /** The group's own inbox of a shard, and the shared events stream when it reads events. */
    List<String> streams(int shard) {
        return readsEvents ? List.of(keys.events(shard), keys.inbox(shard, group)) : List.of(keys.inbox(shard, group));
    }

    /** The heartbeats of the group's nodes on a shard (see the trim script). */
    String heartbeats(int shard) {
        return keys.heartbeats(shard, group);
    }

    /**
     * Creates the group on a shard's streams where missing: from the end of the stream at first
     * start (a new group does not replay old sagas), from the start when {@code fromStart} (the
     * stream or the group was lost, so everything still there is new to it).
     */
    void ensure(RedisClusterCommands<String, String> redis, int shard, boolean fromStart) {
        for (String stream : streams(shard)) {
            try {
                redis.xgroupCreate(fromStart ? StreamOffset.from(stream, "0") : StreamOffset.latest(stream), group,
                        XGroupCreateArgs.Builder.mkstream());
                if (fromStart) {
                    log.error("consumer group {} was missing on {} (stream deleted or Redis restarted empty): "
                            + "recreated from the start of the stream", group, stream);
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
}
