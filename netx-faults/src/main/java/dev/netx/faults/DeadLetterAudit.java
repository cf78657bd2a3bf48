package dev.netx.faults;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The dead letters of every shard written since a moment, read from outside. */
final class DeadLetterAudit {

    private DeadLetterAudit() {
    }

    /**
     * One dead letter.
     *
     * @param shard      its shard
     * @param stream     the stream the message came from
     * @param id         the message's entry id there
     * @param group      the group that failed it
     * @param deliveries how often it had been delivered
     * @param atMs       when it was dead-lettered (epoch ms)
     * @param reason     why, as the group recorded it
     * @param deadId     the dead letter's own id, {@code <shard>/<entry>}, as the console names it
     */
    record Letter(int shard, String stream, String id, String group, long deliveries, long atMs, String reason,
            String deadId) {
    }

    /** The dead letters written at or after {@code sinceMs} (epoch ms), every shard. Blocks. */
    static List<Letter> since(RedisProbe redis, long sinceMs) {
        return redis.call(r -> {
            List<Letter> letters = new ArrayList<>();
            for (int shard = 0; shard < ShopKeys.SHARDS; shard++) {
                for (StreamMessage<String, String> message : r.xrange(ShopKeys.dead(shard),
                        Range.create(sinceMs + "-0", "+"))) {
                    Map<String, String> body = message.getBody();
                    letters.add(new Letter(shard, body.get("dl.stream"), body.get("dl.id"), body.get("dl.group"),
                            number(body.get("dl.deliveries")), number(body.get("dl.at")), body.get("dl.reason"),
                            shard + "/" + message.getId()));
                }
            }
            return letters;
        });
    }

    private static long number(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
