package dev.netx.internal.engine;

import dev.netx.ActivityInterval;
import dev.netx.GroupOverview;
import dev.netx.NetxOptions;
import dev.netx.SagaCounts;
import dev.netx.SagaDetails;
import dev.netx.SagaInspector;
import dev.netx.SagaState;
import dev.netx.SagaSummary;
import dev.netx.ShardBacklog;
import dev.netx.internal.codec.ExceptionEnvelopes;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/** Reads sagas, their timelines and the console's indexes from Redis, a few commands a shard at most. */
final class RedisSagaInspector implements SagaInspector {

    private static final int MOST = 1_000;

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final ExceptionEnvelopes envelopes;
    private final IntSupplier shards;

    RedisSagaInspector(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis,
            ExceptionEnvelopes envelopes, IntSupplier shards) {
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.envelopes = envelopes;
        this.shards = shards;
    }

    @Override
    public CompletableFuture<Optional<SagaDetails>> saga(String sagaId) {
        int shard;
        try {
            shard = SagaIds.shardOf(sagaId);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return redis.hgetall(keys.saga(shard, sagaId)).toCompletableFuture()
                .thenApply(fields -> fields.isEmpty() || !fields.containsKey("st") ? Optional.<SagaDetails>empty()
                        : Optional.of(details(shard, sagaId, fields)));
    }

    private SagaDetails details(int shard, String sagaId, Map<String, String> fields) {
        Map<String, String> payloads = new TreeMap<>(Comparator.comparingInt(RedisSagaInspector::payloadOrder)
                .thenComparing(Comparator.naturalOrder()));
        List<String> compensations = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        fields.forEach((name, value) -> {
            if (name.startsWith("in:")) {
                payloads.put(name, value);
            } else if (name.equals("r")) {
                payloads.put("result", value);
            } else if (name.startsWith("d:") && !name.startsWith("d:p:")) {
                compensations.add(name.substring(2));
            } else if (name.startsWith("g:")) {
                groups.add(name.substring(2));
            }
        });
        compensations.sort(Comparator.naturalOrder());
        groups.sort(Comparator.naturalOrder());
        String keyRecord = fields.get("ik");
        String keyPrefix = keys.sagaKey(shard, "");
        String key = keyRecord != null && keyRecord.startsWith(keyPrefix) ? keyRecord.substring(keyPrefix.length())
                : null;
        String failure = fields.get("x");
        String cause = fields.get("c");
        return new SagaDetails(summary(sagaId, fields.get("st"), fields.get("on"), fields.get("ts"), fields.get("o")),
                version(fields.get("ov")), key, cause == null || cause.isEmpty() ? null : cause,
                failure == null || failure.isEmpty() ? null : envelopes.decode(failure), new LinkedHashMap<>(payloads),
                compensations, groups, Timeline.read(fields));
    }

    private static int payloadOrder(String name) {
        return name.startsWith("in:") ? Integer.parseInt(name.substring(3)) : Integer.MAX_VALUE;
    }

    private static int version(String pin) {
        if (pin == null || pin.indexOf(':') < 1) {
            return 0;
        }
        try {
            return Integer.parseInt(pin.substring(0, pin.indexOf(':')));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static SagaSummary summary(String sagaId, String state, String orchestrator, String startedAt,
            String origin) {
        long at;
        try {
            at = startedAt == null ? 0 : Long.parseLong(startedAt);
        } catch (NumberFormatException e) {
            at = 0;
        }
        return new SagaSummary(sagaId, SagaState.valueOf(state), orchestrator == null ? "" : orchestrator,
                Instant.ofEpochMilli(at), origin == null ? "" : origin);
    }

    @Override
    public CompletableFuture<List<SagaSummary>> running(Duration olderThan, String orchestrator, int limit) {
        int most = Math.max(1, Math.min(limit, MOST));
        long before = System.currentTimeMillis() - Math.max(0, olderThan.toMillis());
        int candidates = orchestrator == null ? most : MOST;
        List<CompletableFuture<List<ScoredValue<String>>>> reads = new ArrayList<>();
        for (int shard = 0; shard < shards.getAsInt(); shard++) {
            reads.add(redis.zrangebyscoreWithScores(keys.activeSagas(shard), Range.create(0, (double) before),
                    Limit.create(0, candidates)).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<ScoredValue<String>> oldest = reads.stream().flatMap(read -> read.join().stream())
                    .sorted(Comparator.comparingDouble(ScoredValue::getScore)).toList();
            return summaries(oldest.stream().map(ScoredValue::getValue).toList()).thenApply(found -> found.stream()
                    .filter(saga -> !saga.state().isFinished())
                    .filter(saga -> orchestrator == null || orchestrator.equals(saga.orchestrator()))
                    .limit(most).toList());
        });
    }

    @Override
    public CompletableFuture<List<SagaSummary>> rolledBack(int limit) {
        int most = Math.max(1, Math.min(limit, MOST));
        List<CompletableFuture<List<String>>> reads = new ArrayList<>();
        for (int shard = 0; shard < shards.getAsInt(); shard++) {
            reads.add(redis.lrange(keys.lastRolledBack(shard), 0, most - 1).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenCompose(done -> summaries(reads.stream().flatMap(read -> read.join().stream()).toList()))
                .thenApply(found -> found.stream().sorted(Comparator.comparing(SagaSummary::startedAt).reversed())
                        .limit(most).toList());
    }

    /** The summaries of the sagas whose state still exists, in the given order. */
    private CompletableFuture<List<SagaSummary>> summaries(List<String> sagaIds) {
        List<CompletableFuture<List<KeyValue<String, String>>>> reads = new ArrayList<>();
        for (String sagaId : sagaIds) {
            reads.add(redis.hmget(keys.saga(SagaIds.shardOf(sagaId), sagaId), "st", "on", "ts", "o")
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<SagaSummary> found = new ArrayList<>();
            for (int i = 0; i < sagaIds.size(); i++) {
                List<KeyValue<String, String>> values = reads.get(i).join();
                if (values.get(0).hasValue()) {
                    found.add(summary(sagaIds.get(i), values.get(0).getValue(), values.get(1).getValueOrElse(null),
                            values.get(2).getValueOrElse(null), values.get(3).getValueOrElse(null)));
                }
            }
            return found;
        });
    }

    @Override
    public CompletableFuture<List<GroupOverview>> groups() {
        return redis.hkeys(keys.meta()).toCompletableFuture().thenCompose(fields -> {
            List<String> groups = fields.stream().filter(field -> field.startsWith("group:"))
                    .map(field -> field.substring(6)).sorted().toList();
            int count = shards.getAsInt();
            String liveSince = GroupBacklogs.liveSince(options);
            List<CompletableFuture<List<Long>>> samples = new ArrayList<>();
            for (String group : groups) {
                for (int shard = 0; shard < count; shard++) {
                    for (String stream : List.of(keys.inbox(shard, group), keys.events(shard))) {
                        samples.add(Scripts.BACKLOG.run(redis, ScriptOutputType.MULTI,
                                new String[] {stream, keys.heartbeats(shard, group)}, group, liveSince, "1000"));
                    }
                }
            }
            return CompletableFuture.allOf(samples.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<GroupOverview> overviews = new ArrayList<>();
                int next = 0;
                for (String group : groups) {
                    long live = 0;
                    List<ShardBacklog> backlog = new ArrayList<>();
                    for (int shard = 0; shard < count; shard++) {
                        for (ShardBacklog.Stream stream : ShardBacklog.Stream.values()) {
                            List<Long> sample = samples.get(next++).join();
                            live = Math.max(live, sample.get(0));
                            // a group without a consumer group on the events stream does not listen to events
                            if (stream == ShardBacklog.Stream.INBOX || sample.get(5) == 1) {
                                backlog.add(new ShardBacklog(group, shard, stream, sample.get(2), sample.get(1),
                                        Duration.ofMillis(Math.max(0, sample.get(3)))));
                            }
                        }
                    }
                    overviews.add(new GroupOverview(group, Math.toIntExact(live), backlog));
                }
                return overviews;
            });
        });
    }

    @Override
    public CompletableFuture<SagaCounts> counts() {
        List<CompletableFuture<List<KeyValue<String, String>>>> counts = new ArrayList<>();
        List<CompletableFuture<Long>> running = new ArrayList<>();
        for (int shard = 0; shard < shards.getAsInt(); shard++) {
            counts.add(redis.hmget(keys.sagaCounts(shard), "started", "committed", "rolled_back").toCompletableFuture());
            running.add(redis.zcard(keys.activeSagas(shard)).toCompletableFuture());
        }
        List<CompletableFuture<?>> all = new ArrayList<>(counts);
        all.addAll(running);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            long[] sums = new long[3];
            for (CompletableFuture<List<KeyValue<String, String>>> shard : counts) {
                List<KeyValue<String, String>> values = shard.join();
                for (int i = 0; i < 3; i++) {
                    sums[i] += Long.parseLong(values.get(i).getValueOrElse("0"));
                }
            }
            return new SagaCounts(sums[0], sums[1], sums[2], running.stream().mapToLong(CompletableFuture::join).sum());
        });
    }

    @Override
    public CompletableFuture<List<ActivityInterval>> activity(Duration window) {
        long now = System.currentTimeMillis();
        long length = Activity.INTERVAL.toSeconds();
        long last = Activity.intervalOf(now);
        long first = Activity.intervalOf(now - Math.min(Math.max(window.toMillis(), 0), Activity.KEPT.toMillis()));
        List<Long> starts = new ArrayList<>();
        List<CompletableFuture<Map<String, String>>> reads = new ArrayList<>();
        for (long start = first; start <= last; start += length) {
            starts.add(start);
            reads.add(redis.hgetall(keys.activity(start)).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<ActivityInterval> intervals = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                long start = starts.get(i);
                Duration ran = start == last ? Duration.ofMillis(now - start * 1_000) : Activity.INTERVAL;
                intervals.add(Activity.read(start, ran, reads.get(i).join()));
            }
            return intervals;
        });
    }
}
