package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The outage's check: every saga whose refund was dead-lettered ends CANCELLED, debited and refunded
 * once, no dead letter of the run remains, and an outage without dead letters proved nothing.
 */
class OutageOutcomeTest {

    private static final Ledger BEFORE = new Ledger(List.of(), Map.of(), Map.of(), Set.of("old:1:step"), Set.of());
    private static final String REASON = "participant compensation 'refund-order' failed:"
            + " java.lang.IllegalStateException: payment provider unavailable (/tmp/x/payment-provider-down exists)";
    private static final DeadLetterLines.Written ORCHESTRATED = letter("s-1", "1/10-0", "payment", REASON);
    private static final DeadLetterLines.Written CHOREOGRAPHED = letter("s-2", "2/11-0", "payment",
            "rollback listener failed: " + REASON);

    private static DeadLetterLines.Written letter(String saga, String deadId, String group, String reason) {
        return new DeadLetterLines.Written(saga, "9-0", deadId, 2, group, reason);
    }

    private static Ledger after(String orchestratedStatus, String choreographedStatus, Set<String> paymentKeys) {
        return new Ledger(List.of(new Ledger.Order("o-1", "s-1", "c1", "p1", 101, 10, orchestratedStatus),
                new Ledger.Order("o-2", "s-2", "c2", "p2", 101, 20, choreographedStatus)), Map.of(), Map.of(),
                paymentKeys, Set.of());
    }

    @Test
    void relayedRefundsOfBothStylesHoldWhenEachOrderIsCancelledDebitedAndRefundedOnce() {
        OutageOutcome outcome = OutageOutcome.of(List.of(ORCHESTRATED, CHOREOGRAPHED), Set.of(), BEFORE,
                after("CANCELLED", "CANCELLED", Set.of("old:1:step", "s-1:1:step", "s-1:1:compensate",
                        "s-2:payment:start", "s-2:payment:rollback")));

        assertThat(outcome).extracting(OutageOutcome::written, OutageOutcome::ofProvider, OutageOutcome::sagas,
                OutageOutcome::refunded, OutageOutcome::pending, OutageOutcome::remaining).containsExactly(2, 2, 2, 2,
                0, 0);
        assertThat(outcome.violations(2)).isEmpty();
        assertThat(outcome.unshown()).containsExactly("every dead-lettered refund was done without a relay: the"
                + " outage showed nothing");
    }

    @Test
    void aRefundLeftUndoneOrADeadLetterLeftIsAViolationAfterTheRelayAndWhatTheRunWithoutItShows() {
        OutageOutcome outcome = OutageOutcome.of(List.of(ORCHESTRATED, CHOREOGRAPHED), Set.of("1/10-0", "2/11-0"),
                BEFORE, after("PENDING", "CANCELLED", Set.of("s-1:1:step", "s-2:payment:start")));

        assertThat(outcome).extracting(OutageOutcome::refunded, OutageOutcome::pending, OutageOutcome::remaining)
                .containsExactly(0, 1, 2);
        assertThat(outcome.violations(0)).hasSize(4).anyMatch(v -> v.contains("the operator relayed only 0"))
                .anyMatch(v -> v.startsWith("2 dead letters written during the run are still"))
                .anyMatch(v -> v.contains("saga s-1 (order o-1, PENDING)"))
                .anyMatch(v -> v.contains("saga s-2 (order o-2, CANCELLED) whose refund was dead-lettered has 1"
                        + " debit(s) and 0 refund(s)"));
        assertThat(outcome.unshown()).isEmpty();
        assertThat(outcome.shown()).singleElement().asString().contains("2 of the 2 sagas", "1 orders not ended",
                "2 dead letters remain");
    }

    @Test
    void anOutageWithoutDeadLettersProvedNothing() {
        OutageOutcome outcome = OutageOutcome.of(List.of(), Set.of(), BEFORE, after("CONFIRMED", "CONFIRMED",
                Set.of()));

        assertThat(outcome.violations(0)).containsExactly("no refund was dead-lettered during the outage: the"
                + " scenario proved nothing");
        assertThat(outcome.unshown()).containsExactly("no refund was dead-lettered during the outage: the scenario"
                + " proved nothing");
    }

    @Test
    void deadLettersOfAnotherGroupOrReasonAreCountedApartAndMustNotRemainEither() {
        DeadLetterLines.Written garbage = letter("unknown", "3/12-0", "inventory", "not handled after 5 deliveries");
        OutageOutcome outcome = OutageOutcome.of(List.of(ORCHESTRATED, garbage), Set.of("3/12-0"), BEFORE,
                after("CANCELLED", "CONFIRMED", Set.of("s-1:1:step", "s-1:1:compensate")));

        assertThat(outcome).extracting(OutageOutcome::written, OutageOutcome::ofProvider, OutageOutcome::refunded)
                .containsExactly(2, 1, 1);
        assertThat(outcome.otherFindings()).singleElement().asString().startsWith("1 dead letters of another group");
        assertThat(outcome.violations(1)).singleElement().asString()
                .startsWith("1 dead letters written during the run are still");
    }

    @Test
    void aRefundDoneTwiceUnderTwoKeysIsAProblem() {
        OutageOutcome outcome = OutageOutcome.of(List.of(CHOREOGRAPHED), Set.of(), BEFORE, after("CANCELLED",
                "CANCELLED", Set.of("s-2:payment:start", "s-2:payment:rollback", "s-2:3:compensate")));

        assertThat(outcome.refunded()).isZero();
        assertThat(outcome.violations(1)).singleElement().asString().contains("1 debit(s) and 2 refund(s)");
    }
}
