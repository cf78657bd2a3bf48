package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the deadline of orchestrated sagas that wait on a participant group which does not
 * answer: a saga's own messages enforce it as they are handled, but a call sitting in the inbox of
 * a group that is down (or held by its node that died) would otherwise hold the saga until that
 * group returns. At the deadline the sweep script takes such a call back, unrun, and sends this
 * group a deadline message that compensates the saga. Runs on one scheduler thread.
 */
final class DeadlineSweeper {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);
    private static final int MAX_SWEEP = 100;

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;

    DeadlineSweeper(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis) {
        this.options = options;
        this.keys = keys;
        this.redis = redis;
    }

    /** One round over the given shards. Never throws. */
    void tick(int shards) {
        try {
            for (int shard = 0; shard < shards; shard++) {
                long swept;
                do {
                    swept = Scripts.SWEEP.<Long>run(redis, ScriptOutputType.INTEGER,
                            new String[] {keys.deadlines(shard, options.group()), keys.inbox(shard, options.group())},
                            Long.toString(System.currentTimeMillis()), Integer.toString(MAX_SWEEP),
                            keys.saga(shard, ""), keys.inbox(shard, ""),
                            Long.toString(options.orphanTimeout().toMillis()), options.group(), options.nodeName())
                            .get(options.orphanTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    if (swept > 0) {
                        log.warn("{} sagas passed their deadline waiting on a participant that did not answer: "
                                + "rolling them back", swept);
                    }
                } while (swept == MAX_SWEEP);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("deadline sweep failed, the next round retries: {}", e.toString());
        }
    }
}
