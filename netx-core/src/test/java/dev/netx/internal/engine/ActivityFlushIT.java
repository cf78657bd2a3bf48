package dev.netx.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.SagaPhase;
import dev.netx.internal.redis.KeySpace;
import dev.netx.test.RedisServer;
import dev.netx.test.RedisTest;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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

    @Test
    void aFlushWhoseOutcomeIsUnknownIsNotCountedAgainAndNoFlushPilesUpMeanwhile(RedisServer redis) {
        KeySpace keys = new KeySpace("paused");
        Activity activity = new Activity(keys, "payment");
        try (RedisClient client = RedisClient.create(redis.redisUri());
                StatefulRedisConnection<String, String> control = client.connect()) {
            client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(300)))
                    .build());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                long now = System.currentTimeMillis();
                String interval = keys.activity(Activity.intervalOf(now));
                // a first flush, which leaves the script in Redis's cache
                activity.handled();
                activity.flush(connection.async(), now).join();
                activity.published(SagaPhase.START, "");
                activity.published(SagaPhase.START, "");
                // Redis holds writes for a while: the flush times out, though Redis runs it afterwards
                control.sync().clientPause(1_500);
                CompletableFuture<Void> first = activity.flush(connection.async(), now);
                activity.published(SagaPhase.COMMIT, "");
                // a flush while the first waits sends nothing and keeps its counts
                assertThat(activity.flush(connection.async(), now)).isCompleted();
                first.join();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(control.sync().hget(interval, "started")).isEqualTo("2"));
                activity.flush(connection.async(), now).join();
                assertThat(control.sync().hgetall(interval)).containsEntry("started", "2")
                        .containsEntry("committed", "1").containsEntry("handled:payment", "1");
            }
        }
    }
}
