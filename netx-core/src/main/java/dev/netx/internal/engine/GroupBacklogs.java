package dev.netx.internal.engine;

import dev.netx.GroupBacklog;
import dev.netx.NetxOptions;
import dev.netx.ShardBacklog;
import dev.netx.internal.redis.KeySpace;
import dev.netx.spi.NetxObserver;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples what waits for this node's group on each stream of each shard (lag, pending, the oldest
 * pending) and, for every group this node's orchestrators call, how many of its nodes are live and
 * what waits in its inboxes; warns when sagas wait on a called group that has no live node, and says
 * when it is served again. All of a round's scripts are sent at once. Runs on one scheduler thread;
 * {@link #own()} and {@link #called()} never block.
 */
final class GroupBacklogs {

    private static final Logger log = LoggerFactory.getLogger(GroupBacklogs.class);
    /** Undelivered entries counted per shard where Redis (before 7) does not report a group's lag. */
    private static final String COUNT_LIMIT = "1000";

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final ConsumerGroups ownGroup;
    private final Supplier<Set<String>> calledGroups;
    private final NetxObserver observer;
    private final Set<String> unattended = new HashSet<>();
    private volatile List<ShardBacklog> own = List.of();
    private volatile List<GroupBacklog> called = List.of();

    GroupBacklogs(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis,
            ConsumerGroups ownGroup, Supplier<Set<String>> calledGroups, NetxObserver observer) {
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.ownGroup = ownGroup;
        this.calledGroups = calledGroups;
        this.observer = observer;
    }

    /** The last sample of this node's group, by shard and stream; empty before the first. */
    List<ShardBacklog> own() {
        return own;
    }

    /** The last sample of the groups called, one entry per group, sorted by group; empty before the first. */
    List<GroupBacklog> called() {
        return called;
    }

    /** One round over the given shards. Never throws. */
    void tick(int shards) {
        String liveSince = liveSince(options);
        String group = options.group();
        List<ShardBacklog.Stream> streams = ownGroup.readsEvents()
                ? List.of(ShardBacklog.Stream.INBOX, ShardBacklog.Stream.EVENTS) : List.of(ShardBacklog.Stream.INBOX);
        List<String> called = calledGroups.get().stream().sorted().toList();
        // both rounds are sent before either is awaited; a failure of one keeps the other's sample
        List<CompletableFuture<List<Long>>> ownRound = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            for (ShardBacklog.Stream stream : streams) {
                String key = stream == ShardBacklog.Stream.INBOX ? keys.inbox(shard, group) : keys.events(shard);
                ownRound.add(sample(key, group, shard, liveSince));
            }
        }
        List<CompletableFuture<List<Long>>> calledRound = new ArrayList<>();
        for (String calledGroup : called) {
            for (int shard = 0; shard < shards; shard++) {
                calledRound.add(sample(keys.inbox(shard, calledGroup), calledGroup, shard, liveSince));
            }
        }
        try {
            List<ShardBacklog> ownSample = new ArrayList<>();
            for (int i = 0; i < ownRound.size(); i++) {
                Sample sample = Sample.of(await(ownRound.get(i)));
                ownSample.add(new ShardBacklog(group, i / streams.size(), streams.get(i % streams.size()),
                        sample.lag(), sample.pending(), Duration.ofMillis(Math.max(0, sample.oldestPending()))));
            }
            own = List.copyOf(ownSample);
            observer.backlogSampled(own);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("sampling the backlog of group {} failed, the next round retries: {}", group, e.toString());
        }
        if (called.isEmpty()) {
            return;
        }
        try {
            List<GroupBacklog> calledSample = new ArrayList<>();
            for (int g = 0; g < called.size(); g++) {
                calledSample.add(groupBacklog(called.get(g), calledRound.subList(g * shards, (g + 1) * shards)));
            }
            this.called = List.copyOf(calledSample);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("sampling the backlog of the groups called failed, the next round retries: {}", e.toString());
            return;
        }
        this.called.forEach(this::report);
        observer.calledGroupsSampled(this.called);
    }

    /**
     * The backlog script's liveness argument: a node counts as live when its heartbeat is at most four
     * orphan timeouts, and at least three trim intervals, old (by these options).
     */
    static String liveSince(NetxOptions options) {
        long threshold = Math.max(options.orphanTimeout().toMillis() * 4, options.trimInterval().toMillis() * 3);
        return Long.toString(System.currentTimeMillis() - threshold);
    }

    private CompletableFuture<List<Long>> sample(String stream, String group, int shard, String liveSince) {
        return Scripts.BACKLOG.run(redis, ScriptOutputType.MULTI,
                new String[] {stream, keys.heartbeats(shard, group)}, group, liveSince, COUNT_LIMIT);
    }

    private List<Long> await(CompletableFuture<List<Long>> reply) throws Exception {
        return reply.get(options.orphanTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private GroupBacklog groupBacklog(String group, List<CompletableFuture<List<Long>>> shards) throws Exception {
        long live = 0;
        long waiting = 0;
        long oldest = 0;
        boolean started = false;
        for (CompletableFuture<List<Long>> reply : shards) {
            Sample sample = Sample.of(await(reply));
            live = Math.max(live, sample.live());
            waiting += sample.pending() + sample.lag();
            oldest = Math.max(oldest, sample.oldestWaiting());
            started |= sample.exists();
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

    /** One reply of the backlog script (ages in ms, -1 for none). */
    private record Sample(long live, long pending, long lag, long oldestPending, long oldestWaiting,
            boolean exists) {

        static Sample of(List<Long> reply) {
            return new Sample(reply.get(0), reply.get(1), reply.get(2), reply.get(3), reply.get(4), reply.get(5) == 1);
        }
    }
}
