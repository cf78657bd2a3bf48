package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.netx.Netx;
import dev.netx.NetxClients;
import dev.netx.NetxOptions;
import dev.netx.RedisRefusedException;
import dev.netx.test.RedisLauncher;
import dev.netx.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Regression test of a bug the freeze-redis and client-pause scenarios found: a saga start whose
 * command times out (Redis frozen or paused) reaches the caller as {@link RedisRefusedException},
 * whose contract is "nothing of the refused operation was written", yet Redis runs the queued
 * command once it answers again, so the saga runs (the shop answers 503 and debits the customer).
 * A timeout has an unknown outcome and must say so, with the saga id, not claim a refusal.
 */
class RefusedMeansNothingWrittenIT {

    private static final Pattern SAGA_ID = Pattern.compile("saga (\\S+) refused");

    @Test
    @Disabled("netx-core bug found by the fault suite: a timed-out start is reported as refused; enable when fixed")
    void aStartReportedAsRefusedIsNeverWrittenLater() {
        try (RedisLauncher launcher = new RedisLauncher()) {
            RedisServer redis = launcher.standalone();
            RedisURI uri = RedisURI.builder(redis.redisUri()).withTimeout(Duration.ofSeconds(1)).build();
            RedisClient client = NetxClients.standalone(uri);
            try (Netx node = Netx.builder(client, NetxOptions.builder("order").namespace("refusal")
                    .pollTimeout(Duration.ofMillis(200)).orphanTimeout(Duration.ofSeconds(3)).build()).build()) {
                node.start();
                node.sagaManager().startSync("a first order"); // Redis has the script cached: EVALSHA runs as sent
                redis.pause();
                Throwable failure;
                try {
                    failure = catchThrowable(() -> node.sagaManager().startSync("an order"));
                } finally {
                    redis.resume();
                }

                assertThat(failure).as("a start while Redis is frozen fails").isNotNull();
                if (failure instanceof RedisRefusedException) {
                    Matcher saga = SAGA_ID.matcher(failure.getMessage());
                    assertThat(saga.find()).as("the refusal names its saga: %s", failure.getMessage()).isTrue();
                    await("saga reported as refused stays unwritten: " + failure.getMessage())
                            .during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                            .until(() -> !node.sagaManager().existsSync(saga.group(1)));
                }
            } finally {
                client.shutdown();
            }
        }
    }
}
