package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Redis memory bounded: trims every stream this group reads below the oldest entry any group
 * still needs, and removes this group's consumers that have nothing pending, have been idle for
 * four orphan timeouts (at least three trim intervals) and sent no heartbeat for as long (nodes that
 * left without a clean shutdown). Saga state expires by itself, except a rolled-back choreographed
 * saga's: it is removed here once every group has read past its rollback and the retention has passed,
 * so that a group lagging further behind than the retention still learns of the rollback.
 */
final class Housekeeper {

    private static final Logger log = LoggerFactory.getLogger(Housekeeper.class);

    /** Rolled-back sagas looked at per shard and round. */
    private static final int RELEASE_BATCH = 1_000;

    private final NetxOptions options;
    private final KeySpace keys;
    private final ConsumerGroups groups;
    private final RedisClusterAsyncCommands<String, String> redis;

    Housekeeper(NetxOptions options, KeySpace keys, ConsumerGroups groups,
            RedisClusterAsyncCommands<String, String> redis) {
        this.options = options;
        this.keys = keys;
        this.groups = groups;
        this.redis = redis;
    }

    /** One round over the given shards. Never throws. */
    void tick(int shards) {
        String idle = Long.toString(Math.max(options.orphanTimeout().toMillis() * 4,
                options.trimInterval().toMillis() * 3));
        String now = Long.toString(System.currentTimeMillis());
        long trimmed = 0;
        long removed = 0;
        long released = 0;
        String retention = Long.toString(options.retention().toMillis());
        String batch = Integer.toString(RELEASE_BATCH);
        try {
            for (int shard = 0; shard < shards; shard++) {
                String events = keys.events(shard);
                for (String stream : groups.streams(shard)) {
                    String[] scriptKeys = stream.equals(events)
                            ? new String[] {stream, groups.heartbeats(shard), keys.rolledBack(shard)}
                            : new String[] {stream, groups.heartbeats(shard)};
                    List<Long> result = Scripts.TRIM.<List<Long>>run(redis, ScriptOutputType.MULTI, scriptKeys,
                            options.group(), options.nodeName(), idle, now, retention, keys.saga(shard, ""), batch)
                            .get(options.orphanTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    trimmed += result.get(0);
                    removed += result.get(1);
                    released += result.get(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("trimming failed, the next round retries: {}", e.toString());
        }
        if (removed > 0) {
            log.info("removed {} consumers of group {} that left", removed, options.group());
        }
        log.debug("trimmed {} entries, removed {} rolled-back sagas", trimmed, released);
    }
}
