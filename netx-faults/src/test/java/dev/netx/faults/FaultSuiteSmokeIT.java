package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CI subset of the fault suite: short runs of "kill -9 an app process" and "kill -9 Redis with
 * appendfsync always" against the real shop (six JVMs, three databases, one redis-server). The
 * assertions are the checker's invariants, not speed.
 */
class FaultSuiteSmokeIT {

    @Test
    void noAcceptedSagaIsLostAndNoEffectHappensTwiceWhenAppProcessesAndRedisAreKilled() {
        SuiteOptions options = SuiteOptions.parse("--scenario=smoke", "--scale=smoke", "--seed=7",
                "--out=target/faults-smoke");

        List<ScenarioResult> results = FaultSuite.run(options, List.of("--scenario=smoke", "--scale=smoke", "--seed=7"));

        assertThat(results).extracting(ScenarioResult::name).containsExactly("kill-app", "redis-kill-aof-always");
        for (ScenarioResult result : results) {
            Verdict verdict = result.verdict();
            assertThat(result.faults()).as("faults injected in %s", result.name()).isPositive();
            assertThat(verdict.sagas()).as("sagas in %s", result.name()).isGreaterThan(50);
            assertThat(verdict.violations()).as(result.figure()).isEmpty();
            assertThat(verdict.lost()).as("lost").isZero();
            assertThat(verdict.disagreements()).as("answers that disagree with the outcome").isZero();
            assertThat(verdict.effects().doubleEffects()).as("effects done twice").isZero();
            assertThat(verdict.effects().missedCompensations()).as("compensations missed").isZero();
            assertThat(verdict.callers().hung()).as("callers that hung").isZero();
            assertThat(verdict.settledMs()).as("settled after the heal").isNotNegative();
            assertThat(verdict.redisAfter().pending()).as("pending entries").isZero();
        }
    }
}
