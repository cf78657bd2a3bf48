package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.spi.SagaIdGenerator;
import java.util.regex.Pattern;

/**
 * Saga ids that carry their shard: {@code <generated id>-<shard>}. The shard is chosen once, by
 * jump consistent hashing of the generated id over the shard count, and read back from the id, so a
 * later change of the shard count never moves a running saga.
 */
public final class SagaIds {

    private static final TimeOrderedIds PUBLISH_IDS = new TimeOrderedIds();
    private static final Pattern BASE = Pattern.compile("[A-Za-z0-9_.]{1,100}");

    private final SagaIdGenerator generator;
    private final int shards;

    /** Ids from the generator, spread over {@code shards} shards. */
    public SagaIds(SagaIdGenerator generator, int shards) {
        this.generator = generator;
        this.shards = shards;
    }

    /** A new saga id. */
    public String next() {
        String base = generator.next();
        if (base == null || !BASE.matcher(base).matches()) {
            throw new IllegalStateException("saga id generator returned '" + base
                    + "': ids must be 1-100 letters, digits, '_' or '.'");
        }
        return base + "-" + jump(hash(base), shards);
    }

    /**
     * A new saga id for a saga key: on the key's shard among {@code keyShards} (the namespace's
     * shard count for keys), so that every node looks for the key where its saga is.
     */
    public String forKey(String key, int keyShards) {
        String id = next();
        return id.substring(0, id.lastIndexOf('-') + 1) + shardOfKey(key, keyShards);
    }

    /** The shard of a saga key among {@code keyShards}. */
    public static int shardOfKey(String key, int keyShards) {
        return jump(hash(key), keyShards);
    }

    /** A fresh id for one publish, so that a replayed publish is recognised. */
    public String publishId() {
        return PUBLISH_IDS.next();
    }

    /**
     * The shard of a saga id.
     *
     * @throws IllegalArgumentException if it is not a Netx saga id
     */
    public static int shardOf(String sagaId) {
        int dash = sagaId == null ? -1 : sagaId.lastIndexOf('-');
        if (dash <= 0 || dash == sagaId.length() - 1 || sagaId.length() - dash > 5) {
            throw new IllegalArgumentException("'" + sagaId + "' is not a Netx saga id");
        }
        int shard = 0;
        for (int i = dash + 1; i < sagaId.length(); i++) {
            char c = sagaId.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("'" + sagaId + "' is not a Netx saga id");
            }
            shard = shard * 10 + (c - '0');
        }
        if (shard >= NetxOptions.MAX_SHARDS) {
            throw new IllegalArgumentException("'" + sagaId + "' is not a Netx saga id");
        }
        return shard;
    }

    /** 64-bit FNV-1a of the id's characters. */
    static long hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** Lamping and Veach's jump consistent hash. */
    static int jump(long key, int buckets) {
        long b = -1;
        long j = 0;
        while (j < buckets) {
            b = j;
            key = key * 2862933555777941757L + 1;
            j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }
}
