package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Throughput counts the sagas callers saw complete in a window, of one shard or of all. */
class ThroughputTest {

    private static Call call(long endMs, int status, String sagaId) {
        return new Call(0, "orchestration", OrderMix.Kind.NORMAL, "order-1", endMs - 50, endMs, status,
                Call.Outcome.ANSWERED, "o" + endMs, sagaId, null);
    }

    @Test
    void countsCompletedCallsEndingInTheWindowPerShard() {
        List<Call> calls = List.of(call(1_000, 201, "a-3"), call(1_500, 409, "b-7"), call(1_900, 202, "c-3"),
                call(2_000, 201, "d-3"), call(999, 201, "e-3"));

        Throughput all = Throughput.of(calls, 1_000, 2_000, -1);
        Throughput shard3 = Throughput.of(calls, 1_000, 2_000, 3);

        assertThat(all.sagas()).isEqualTo(2);
        assertThat(all.perSecond()).isEqualTo(2.0);
        assertThat(shard3.sagas()).isEqualTo(1);
        assertThat(shard3.ratioTo(all)).isEqualTo(0.5);
        assertThat(all.and(shard3).perSecond()).isEqualTo(1.5);
    }
}
