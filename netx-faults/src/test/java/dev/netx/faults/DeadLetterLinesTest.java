package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The outage's check counts every dead letter a claimer logged, relayed or not, from the engine's ERROR line. */
class DeadLetterLinesTest {

    private static final String REFUND = "2026-12-07T23:52:01.101Z ERROR 14484 --- [shop-payment] [netx-scheduler-1]"
            + " d.n.internal.engine.OrphanClaimer      : saga 01a24d57aa63728e9bb99d101e9e5716-2: message"
            + " 1796593993261-0 dead-lettered as 2/1796594001122-0 after 2 deliveries to group payment: rollback"
            + " listener failed: java.lang.IllegalStateException: payment provider unavailable"
            + " (/tmp/outage-relay1/payment-provider-down exists)";
    private static final String GARBAGE = "2026-12-07T23:52:02.000Z ERROR 14484 --- [shop-inventory] [netx-scheduler-1]"
            + " d.n.internal.engine.OrphanClaimer      : saga unknown: message 1796593993262-0 dead-lettered as"
            + " 11/1796594001123-3 after 5 deliveries to group inventory: not handled after 5 deliveries";
    private static final String LEFT = "2026-12-07T23:51:58.000Z  WARN 14484 --- [shop-payment] [ioEventLoop-6-1]"
            + " dev.netx.internal.engine.Deliveries      : saga 01a24d57aa63728e9bb99d101e9e5716-2: message"
            + " 1796593993261-0 on netx:{default:2}:events left pending for retry: rollback listener failed";

    @Test
    void readsEachDeadLetterItsClaimerLoggedWithItsSagaIdGroupAndReason() {
        assertThat(DeadLetterLines.in(String.join("\n", LEFT, REFUND, LEFT, GARBAGE))).containsExactly(
                new DeadLetterLines.Written("01a24d57aa63728e9bb99d101e9e5716-2", "1796593993261-0", "2/1796594001122-0",
                        2, "payment", "rollback listener failed: java.lang.IllegalStateException: payment provider"
                                + " unavailable (/tmp/outage-relay1/payment-provider-down exists)"),
                new DeadLetterLines.Written("unknown", "1796593993262-0", "11/1796594001123-3", 5, "inventory",
                        "not handled after 5 deliveries"));
    }

    @Test
    void aLogWithoutDeadLettersHasNone() {
        assertThat(DeadLetterLines.in(LEFT)).isEmpty();
        assertThat(DeadLetterLines.in("")).isEmpty();
    }
}
