package dev.netx.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netx.SagaPhase;
import dev.netx.internal.redis.KeySpace;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

/** A node's activity counts are never lost to a Redis that refuses writes for a while: they wait for the next flush. */
@RedisTest
class ActivityFlushIT {

    @Test
    void countsThatRedisRefusedForMemoryAreAddedByTheNextFlush(RedisServer redis) {
        KeySpace keys = new KeySpace("flush");
        Activity activity = new Activity(keys, "payment");
        try (RedisClient client = RedisClient.create(redis.redisUri());
                StatefulRedisConnection<String, String> connection = client.connect()) {
            var commands = connection.sync();
            long now = System.currentTimeMillis();
            String interval = keys.activity(Activity.intervalOf(now));
            activity.published(SagaPhase.START, "");
            activity.published(SagaPhase.START, "");
            activity.handled();
            activity.left();
            commands.configSet("maxmemory-policy", "noeviction");
            commands.configSet("maxmemory", "1");
            try {
                activity.flush(connection.async(), now).join();
                assertThat(commands.exists(interval)).isZero();
            } finally {
                commands.configSet("maxmemory", "0");
            }
            activity.published(SagaPhase.COMMIT, "");
            activity.flush(connection.async(), now).join();

            assertThat(commands.hgetall(interval)).containsEntry("started", "2").containsEntry("committed", "1")
                    .containsEntry("handled:payment", "1").containsEntry("left:payment", "1")
                    .doesNotContainKey("rolled_back");
            assertThat(commands.pttl(interval)).isGreaterThan(3_600_000L);
            // nothing counted since: no write at all
            activity.flush(connection.async(), now).join();
            assertThat(commands.hget(interval, "started")).isEqualTo("2");
        }
    }
}
