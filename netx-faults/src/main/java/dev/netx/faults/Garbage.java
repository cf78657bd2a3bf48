package dev.netx.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Poison payloads written straight into a shard's saga streams with XADD, as a broken producer or a
 * corrupted relay would leave them: random bytes, a saga event whose payload is random bytes, a
 * participant call whose input is random bytes. Every group that reads such an entry must fail it
 * on each delivery and dead-letter it after the last, without stalling anything else.
 */
final class Garbage {

    /** The groups of the shop; each reads the events stream and its own inbox. */
    private static final List<String> GROUPS = Fleet.ROLES;

    private Garbage() {
    }

    /**
     * One entry written.
     *
     * @param stream  the stream
     * @param id      its entry id
     * @param kind    what it looks like: {@code bytes}, {@code event} or {@code call}
     * @param readers the groups that must dead-letter it (those that read the stream and handle what it claims to be)
     * @param atMs    when it was written (epoch ms)
     */
    record Entry(String stream, String id, String kind, Set<String> readers, long atMs) {
    }

    /** Writes one entry of a drawn kind into the shard's streams. Blocks. */
    static Entry write(RedisProbe redis, Random random, int shard) {
        int draw = random.nextInt(4);
        String stream;
        String kind;
        Set<String> readers;
        List<byte[]> fields = new ArrayList<>();
        switch (draw) {
            case 0 -> {
                // nothing a reader recognises: every group fails it
                stream = ShopKeys.events(shard);
                kind = "bytes";
                readers = Set.copyOf(GROUPS);
                randomFields(random, fields);
            }
            case 1 -> {
                // an order saga's start whose event is not JSON: the groups that listen to it fail it
                stream = ShopKeys.events(shard);
                kind = "event";
                readers = Set.of("order", "payment");
                add(fields, "s", sagaId(random, shard), "p", "S", "t", "OrderPlaced", "g", "poisoner", "n", "poisoner");
                fields.add(text("e"));
                fields.add(bytes(random));
            }
            case 2 -> {
                // a call of the payment service's debit whose input is not JSON
                stream = ShopKeys.inbox(shard, "payment");
                kind = "call";
                readers = Set.of("payment");
                add(fields, "k", "Q", "s", sagaId(random, shard), "o", "place-order", "i", "1", "h", "debit", "rg",
                        "order", "g", "order", "n", "poisoner");
                fields.add(text("e"));
                fields.add(bytes(random));
            }
            default -> {
                String group = GROUPS.get(random.nextInt(GROUPS.size()));
                stream = ShopKeys.inbox(shard, group);
                kind = "bytes";
                readers = Set.of(group);
                randomFields(random, fields);
            }
        }
        Object[] pairs = fields.toArray();
        String id = redis.callBinary(r -> r.xadd(text(stream), pairs));
        return new Entry(stream, id, kind, readers, System.currentTimeMillis());
    }

    private static void randomFields(Random random, List<byte[]> fields) {
        int pairs = 1 + random.nextInt(3);
        for (int i = 0; i < pairs; i++) {
            fields.add(bytes(random));
            fields.add(bytes(random));
        }
    }

    private static byte[] bytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(48)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A saga id of no saga, on the shard. */
    private static String sagaId(Random random, int shard) {
        return "poison" + Math.abs(random.nextLong()) + "-" + shard;
    }

    private static void add(List<byte[]> fields, String... namesAndValues) {
        for (String text : namesAndValues) {
            fields.add(text(text));
        }
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
