package dev.netx.faults;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and pokes the shop's Redis from outside: the state of the netx streams, groups and keys
 * (XINFO GROUPS, XLEN, SCAN, TTL), and the admin commands faults use. One short-lived connection
 * per call, to the master of the moment (to each master, on a Cluster, whose shards' keys are spread
 * over them), so a Redis that was killed or frozen never wedges the probe and a failover is
 * followed. Every method blocks.
 */
final class RedisProbe implements AutoCloseable {

    private static final Pattern USED_MEMORY = Pattern.compile("(?m)^used_memory:(\\d+)");

    private final RedisClient client;
    private final Supplier<List<RedisURI>> masters;

    /** A probe of the masters {@code masters} names at each call, so that it follows a failover. */
    RedisProbe(Supplier<List<RedisURI>> masters) {
        this.masters = masters;
        this.client = RedisClient.create();
    }

    /**
     * Runs the function on a new connection to the master.
     *
     * @throws IllegalStateException on a Cluster, which has several
     */
    <T> T call(Function<RedisCommands<String, String>, T> function) {
        return call(master(), function);
    }

    private <T> T call(RedisURI uri, Function<RedisCommands<String, String>, T> function) {
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            return function.apply(connection.sync());
        }
    }

    /** Runs the function on a new connection that reads and writes raw bytes (for garbage that is no UTF-8). */
    <T> T callBinary(Function<RedisCommands<byte[], byte[]>, T> function) {
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE, master())) {
            return function.apply(connection.sync());
        }
    }

    private RedisURI master() {
        List<RedisURI> now = masters.get();
        if (now.size() != 1) {
            throw new IllegalStateException("not one master but " + now.size() + ": " + now);
        }
        return now.get(0);
    }

    /** The state of the netx keys now, over every master. */
    RedisState state() {
        return masters.get().stream().map(master -> call(master, RedisProbe::state)).reduce(RedisState::plus)
                .orElseThrow(() -> new IllegalStateException("no master"));
    }

    private static RedisState state(RedisCommands<String, String> redis) {
        long pending = 0;
        long longest = 0;
        long dead = 0;
        long sagas = 0;
        long immortal = 0;
        int streams = 0;
        Map<String, Integer> consumers = new HashMap<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches("netx:*").limit(1000));
            for (String key : page.getKeys()) {
                if (key.endsWith(":dead")) {
                    dead += redis.xlen(key);
                } else if (key.endsWith(":events") || key.contains(":inbox:")) {
                    streams++;
                    longest = Math.max(longest, redis.xlen(key));
                    for (Map<String, Object> group : groups(redis, key)) {
                        pending += ((Number) group.get("pending")).longValue();
                        consumers.merge(String.valueOf(group.get("name")),
                                ((Number) group.get("consumers")).intValue(), Math::max);
                    }
                } else if (key.contains(":saga:") || key.contains(":lease:")) {
                    sagas += key.contains(":saga:") ? 1 : 0;
                    immortal += redis.ttl(key) == -1 ? 1 : 0;
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        return new RedisState(pending, Map.copyOf(consumers), longest, streams, dead, sagas, immortal);
    }

    /** The master's {@code used_memory} now, in bytes ({@code INFO memory}). */
    long usedMemory() {
        return call(redis -> {
            Matcher used = USED_MEMORY.matcher(redis.info("memory"));
            if (!used.find()) {
                throw new IllegalStateException("INFO memory without used_memory");
            }
            return Long.parseLong(used.group(1));
        });
    }

    /** Entries in a group's inbox streams, over every shard. */
    long inboxEntries(String group) {
        return call(redis -> {
            long entries = 0;
            for (int shard = 0; shard < ShopKeys.SHARDS; shard++) {
                entries += redis.xlen(ShopKeys.inbox(shard, group));
            }
            return entries;
        });
    }

    /** How long ago, by Redis's clock, the oldest entry of a group's inboxes was added (from its id); -1 if none. */
    long oldestInboxEntryAgeMillis(String group) {
        return call(redis -> {
            long oldest = Long.MAX_VALUE;
            for (int shard = 0; shard < ShopKeys.SHARDS; shard++) {
                for (StreamMessage<String, String> entry : redis.xrange(ShopKeys.inbox(shard, group),
                        Range.create("-", "+"), Limit.from(1))) {
                    oldest = Math.min(oldest, Long.parseLong(entry.getId().substring(0, entry.getId().indexOf('-'))));
                }
            }
            List<String> time = redis.time();
            long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
            return oldest == Long.MAX_VALUE ? -1 : Math.max(0, now - oldest);
        });
    }

    /** Consumer groups of that name on the events and inbox streams of every shard: none before its first node started. */
    long consumerGroupsNamed(String group) {
        return call(redis -> {
            long found = 0;
            for (int shard = 0; shard < ShopKeys.SHARDS; shard++) {
                for (String stream : List.of(ShopKeys.events(shard), ShopKeys.inbox(shard, group))) {
                    if (redis.exists(stream) > 0) {
                        found += groups(redis, stream).stream().filter(g -> group.equals(String.valueOf(g.get("name"))))
                                .count();
                    }
                }
            }
            return found;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> groups(RedisCommands<String, String> redis, String stream) {
        return redis.xinfoGroups(stream).stream().map(raw -> {
            List<Object> fields = (List<Object>) raw;
            Map<String, Object> group = new HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                group.put(String.valueOf(fields.get(i)), fields.get(i + 1));
            }
            return group;
        }).toList();
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
