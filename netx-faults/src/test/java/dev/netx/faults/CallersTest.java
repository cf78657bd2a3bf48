package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallersTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private static Call answered(String target, long startMs, long endMs) {
        return new Call(1, "choreography", OrderMix.Kind.NORMAL, target, startMs, endMs, 202, Call.Outcome.ANSWERED,
                "order-" + startMs, "saga-" + startMs + "-3", null);
    }

    @Test
    void aLateAnswerFromAnOrderProcessFrozenWhileTheCallWaitedIsCutOffNotHung() {
        // sent 5 ms before its process was frozen for 10 s, answered once it thawed
        Call frozen = answered("order-1", 47_895, 57_902);
        Callers callers = Callers.check(List.of(frozen), List.of(new Disruption("order-1", 47_900, 57_900)), DEADLINE);

        assertThat(callers.cutOff()).isEqualTo(1);
        assertThat(callers.hung()).isZero();
        assertThat(callers.problems()).isEmpty();
        assertThat(callers.accepted()).isEqualTo(1);
    }

    @Test
    void aLateAnswerFromAProcessThatRanIsHung() {
        Call late = answered("order-2", 47_895, 57_902);
        Callers callers = Callers.check(List.of(late), List.of(new Disruption("order-1", 47_900, 57_900)), DEADLINE);

        assertThat(callers.hung()).isEqualTo(1);
        assertThat(callers.cutOff()).isZero();
        assertThat(callers.problems()).singleElement().asString().startsWith("answered after 10007 ms");
    }
}
