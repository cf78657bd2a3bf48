package dev.netx.internal.engine;

import dev.netx.GroupBacklog;
import dev.netx.NetxOptions;
import dev.netx.internal.redis.KeySpace;
import dev.netx.spi.NetxObserver;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples, for every group this node's orchestrators call, how many of its nodes are live and what
 * waits in its inboxes; warns when sagas wait on a group that has no live node, and says when it is
 * served again. Runs on one scheduler thread; {@link #last()} never blocks.
 */
final class GroupBacklogs {

    private static final Logger log = LoggerFactory.getLogger(GroupBacklogs.class);
    /** Undelivered entries counted per shard where Redis (before 7) does not report a group's lag. */
    private static final String COUNT_LIMIT = "1000";

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final Supplier<Set<String>> groups;
    private final NetxObserver observer;
    private final Set<String> unattended = new HashSet<>();
    private volatile List<GroupBacklog> last = List.of();

    GroupBacklogs(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis,
            Supplier<Set<String>> groups, NetxObserver observer) {
        this.options = options;
        this.observer = observer;
        this.keys = keys;
        this.redis = redis;
        this.groups = groups;
    }

    /** The last sample, one entry per group called, sorted by group; empty before the first. */
    List<GroupBacklog> last() {
        return last;
    }

    /** One round over the given shards. Never throws. */
    void tick(int shards) {
        long liveThreshold = Math.max(options.orphanTimeout().toMillis() * 4, options.trimInterval().toMillis() * 3);
        String liveSince = Long.toString(System.currentTimeMillis() - liveThreshold);
        List<GroupBacklog> sample = new ArrayList<>();
        try {
            for (String group : groups.get().stream().sorted().toList()) {
                sample.add(sample(group, shards, liveSince));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("sampling the backlog of the groups called failed, the next round retries: {}", e.toString());
            return;
        }
        last = List.copyOf(sample);
        sample.forEach(this::report);
        observer.calledGroupsSampled(last);
    }

    private GroupBacklog sample(String group, int shards, String liveSince) throws Exception {
        long live = 0;
        long waiting = 0;
        long oldest = 0;
        boolean started = false;
        for (int shard = 0; shard < shards; shard++) {
            List<Long> result = Scripts.BACKLOG.<List<Long>>run(redis, ScriptOutputType.MULTI,
                    new String[] {keys.inbox(shard, group), keys.heartbeats(shard, group)}, group, liveSince,
                    COUNT_LIMIT).get(options.orphanTimeout().toMillis(), TimeUnit.MILLISECONDS);
            live = Math.max(live, result.get(0));
            waiting += result.get(1);
            oldest = Math.max(oldest, result.get(2));
            started |= result.get(3) == 1;
        }
        return new GroupBacklog(group, Math.toIntExact(live), waiting, Duration.ofMillis(oldest), started);
    }

    private void report(GroupBacklog backlog) {
        if (backlog.unattended() && unattended.add(backlog.group())) {
            log.warn("{} messages wait on group {}, which has no live node{} (the oldest for {} s): their sagas "
                    + "go on when a node of {} starts, or roll back at their deadline if they have one",
                    backlog.waiting(), backlog.group(), backlog.started() ? "" : " and never started",
                    backlog.oldestWaiting().toSeconds(), backlog.group());
        } else if (!backlog.unattended() && unattended.remove(backlog.group())) {
            log.info("group {} is served again: {} live nodes, {} messages waiting", backlog.group(),
                    backlog.liveNodes(), backlog.waiting());
        }
    }
}
