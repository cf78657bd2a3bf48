package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The flood's check tells the OOM refusals of accepted sagas' messages from the nodes' own, in the engine's log lines. */
class OomRefusalsTest {

    private static final String REFUSED = "java.util.concurrent.CompletionException: io.lettuce.core."
            + "RedisCommandExecutionException: OOM command not allowed when used memory > 'maxmemory'. script:"
            + " ab67bf3fc54a94db93ba2abc9db08dc418f0207d, on @user_script:47.";
    private static final String LISTENER = warn("d.n.internal.engine.ChoreographyHandler ", "saga"
            + " 01a24d57b1d47f0db56df34324dfe74d-1: could not finish START in group payment, it stays pending: " + REFUSED);
    private static final String REPLY = warn("dev.netx.internal.engine.Advances        ", "saga"
            + " 01a24d57af6e7fcaa968ca1e1b7e20bb-11: could not finish message 1796593991677-0, it stays pending: " + REFUSED);
    private static final String COMPENSATION = warn("dev.netx.internal.engine.Deliveries      ", "saga"
            + " 01a24d57aa63728e9bb99d101e9e5716-2: message 1796593993261-0 on netx:{default:2}:events left pending for"
            + " retry: cannot begin compensation: " + REFUSED);
    private static final String CLAIM = warn("dev.netx.internal.engine.OrphanClaimer   ",
            "orphan claim round failed, next round retries: " + REFUSED);
    private static final String GONE = warn("d.n.internal.engine.ChoreographyHandler ",
            "saga 01a24d57aa63728e9bb99d101e9e5716-2: JOIN in group inventory finished as GONE");

    @Test
    void countsTheRefusedMessagesOfAcceptedSagasApartFromTheNodesOwnRefusals() {
        OomRefusals refusals = OomRefusals.in(String.join("\n", LISTENER, REPLY, COMPENSATION, LISTENER, CLAIM, GONE));

        assertThat(refusals.sagaLines()).isEqualTo(4);
        assertThat(refusals.sagas()).containsExactlyInAnyOrder("01a24d57b1d47f0db56df34324dfe74d-1",
                "01a24d57af6e7fcaa968ca1e1b7e20bb-11", "01a24d57aa63728e9bb99d101e9e5716-2");
        assertThat(refusals.otherLines()).isEqualTo(1);
        assertThat(refusals.sagaExample()).isEqualTo(LISTENER);
        assertThat(refusals.otherExample()).isEqualTo(CLAIM);
    }

    @Test
    void theRefusalsOfSeveralLogsAddUpAndASagaRefusedInTwoProcessesCountsOnce() {
        OomRefusals both = OomRefusals.in(LISTENER).plus(OomRefusals.in(LISTENER + "\n" + CLAIM));

        assertThat(both.lines()).isEqualTo(3);
        assertThat(both.sagas()).hasSize(1);
        assertThat(OomRefusals.in(GONE)).isEqualTo(OomRefusals.NONE);
    }

    /** A WARN line as a shop process logs it. */
    private static String warn(String logger, String message) {
        return "2026-12-06T21:53:13.557Z  WARN 15867 --- [shop-payment] [ioEventLoop-6-1] " + logger + ": " + message;
    }
}
