package dev.netx.internal.engine;

import dev.netx.DeadLetter;
import dev.netx.DeadLetters;
import dev.netx.NetxOptions;
import dev.netx.TimelineEntry;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/** The dead-letter streams, one per shard, read and relayed through Redis. */
final class RedisDeadLetters implements DeadLetters {

    /** Dead letters read at once while looking for one group's. */
    private static final int PAGE = 1_000;

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final IntSupplier shards;

    RedisDeadLetters(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis,
            IntSupplier shards) {
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.shards = shards;
    }

    @Override
    public CompletableFuture<List<DeadLetter>> list(int limit) {
        if (limit < 1) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("limit must be at least 1"));
        }
        int count = shards.getAsInt();
        List<CompletableFuture<List<DeadLetter>>> perShard = new ArrayList<>(count);
        for (int shard = 0; shard < count; shard++) {
            int s = shard;
            perShard.add(redis.xrange(keys.deadLetters(shard), Range.create("-", "+"), Limit.from(limit))
                    .toCompletableFuture()
                    .thenApply(messages -> messages.stream().map(m -> parse(s, m)).toList()));
        }
        return CompletableFuture.allOf(perShard.toArray(CompletableFuture[]::new)).thenApply(ignored -> perShard.stream()
                .flatMap(f -> f.join().stream())
                .sorted(Comparator.comparing(DeadLetter::deadAt).thenComparing(DeadLetter::id))
                .limit(limit)
                .toList());
    }

    @Override
    public CompletableFuture<List<DeadLetter>> list(String group, int limit) {
        if (limit < 1) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("limit must be at least 1"));
        }
        int count = shards.getAsInt();
        List<CompletableFuture<List<DeadLetter>>> perShard = new ArrayList<>(count);
        for (int shard = 0; shard < count; shard++) {
            perShard.add(ofGroup(shard, Range.Boundary.unbounded(), group, limit, new ArrayList<>()));
        }
        return CompletableFuture.allOf(perShard.toArray(CompletableFuture[]::new)).thenApply(ignored -> perShard.stream()
                .flatMap(f -> f.join().stream())
                .sorted(Comparator.comparing(DeadLetter::deadAt).thenComparing(DeadLetter::id))
                .limit(limit)
                .toList());
    }

    /** A shard's dead letters of one group, oldest first, read a page at a time until {@code limit} are found. */
    private CompletableFuture<List<DeadLetter>> ofGroup(int shard, Range.Boundary<String> after, String group,
            int limit, List<DeadLetter> found) {
        return redis.xrange(keys.deadLetters(shard), Range.from(after, Range.Boundary.unbounded()), Limit.from(PAGE))
                .toCompletableFuture().thenCompose(messages -> {
                    for (StreamMessage<String, String> message : messages) {
                        if (group.equals(message.getBody().get("dl.group"))) {
                            found.add(parse(shard, message));
                            if (found.size() == limit) {
                                return CompletableFuture.completedFuture(found);
                            }
                        }
                    }
                    if (messages.size() < PAGE) {
                        return CompletableFuture.completedFuture(found);
                    }
                    return ofGroup(shard, Range.Boundary.excluding(messages.get(messages.size() - 1).getId()), group,
                            limit, found);
                });
    }

    @Override
    public CompletableFuture<Boolean> relay(String deadLetterId) {
        Id id;
        try {
            id = Id.parse(deadLetterId);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        String stream = keys.deadLetters(id.shard());
        return redis.xrange(stream, Range.create(id.entry(), id.entry())).toCompletableFuture().thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(false);
            }
            String group = found.get(0).getBody().get("dl.group");
            String sagaId = found.get(0).getBody().get(SagaMessage.SAGA);
            // its time taken before the relay, so it sorts before what the relayed message leads to
            String entry = Timeline.encode(TimelineEntry.Event.RELAYED, options.group(), options.nodeName(), -1,
                    deadLetterId, 0, false, null, "relayed to group " + group);
            String[] scriptKeys = onShard(sagaId, id.shard())
                    ? new String[] {stream, keys.inbox(id.shard(), group), keys.saga(id.shard(), sagaId),
                        keys.rolledBack(id.shard())}
                    : new String[] {stream, keys.inbox(id.shard(), group)};
            return Scripts.RELAY.<String>run(redis, ScriptOutputType.VALUE, scriptKeys, id.entry(),
                    Timeline.PREFIX + "r:" + deadLetterId + ":", options.history() ? entry : "",
                    keys.saga(id.shard(), "")).thenApply(newId -> newId != null);
        });
    }

    /** Whether a dead letter's saga lives on the shard of its dead-letter stream, as every saga's messages do. */
    private static boolean onShard(String sagaId, int shard) {
        try {
            return sagaId != null && SagaIds.shardOf(sagaId) == shard;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public CompletableFuture<Optional<DeadLetter>> relayOldest() {
        return list(1).thenCompose(letters -> {
            if (letters.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            DeadLetter oldest = letters.get(0);
            return relay(oldest.id()).thenApply(relayed -> relayed ? Optional.of(oldest) : Optional.empty());
        });
    }

    @Override
    public CompletableFuture<Boolean> delete(String deadLetterId) {
        Id id;
        try {
            id = Id.parse(deadLetterId);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return redis.xdel(keys.deadLetters(id.shard()), id.entry()).toCompletableFuture().thenApply(n -> n > 0);
    }

    /** A dead letter from its stream entry. */
    static DeadLetter parse(int shard, StreamMessage<String, String> message) {
        Map<String, String> body = message.getBody();
        Map<String, String> original = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            if (!name.startsWith("dl.")) {
                original.put(name, value);
            }
        });
        long at = parseLong(body.get("dl.at"));
        return new DeadLetter(shard + "/" + message.getId(), body.getOrDefault(SagaMessage.SAGA, ""),
                body.getOrDefault("dl.group", ""), body.getOrDefault("dl.reason", ""), parseLong(body.get("dl.deliveries")),
                Instant.ofEpochMilli(at), original);
    }

    private static long parseLong(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private record Id(int shard, String entry) {
        static Id parse(String text) {
            int slash = text == null ? -1 : text.indexOf('/');
            if (slash <= 0 || !text.substring(slash + 1).matches("\\d+-\\d+")) {
                throw new IllegalArgumentException("'" + text + "' is not a dead letter id (shard/entryId)");
            }
            return new Id(Integer.parseInt(text.substring(0, slash)), text.substring(slash + 1));
        }
    }
}
