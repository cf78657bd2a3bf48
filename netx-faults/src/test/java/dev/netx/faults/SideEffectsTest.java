package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker must catch what it exists to catch: a missed compensation, an effect done twice, a lost saga. */
class SideEffectsTest {

    private static final Ledger EMPTY = new Ledger(List.of(), Map.of("c1", 1_000L), Map.of("p1", 100L), Set.of(),
            Set.of());

    private static Ledger.Order order(String id, String status) {
        return new Ledger.Order(id, "s-" + id, "c1", "p1", 2, 30, status);
    }

    @Test
    void confirmedAndCancelledOrdersWithTheirEffectsHold() {
        Ledger after = new Ledger(List.of(order("a", "CONFIRMED"), order("b", "CANCELLED"), order("c", "CANCELLED")),
                Map.of("c1", 970L), Map.of("p1", 98L),
                Set.of("s-a:1:step", "s-b:payment:start", "s-b:payment:rollback"),
                Set.of("s-a:2:step", "s-c:inventory:join", "s-c:inventory:rollback"));

        SideEffects effects = SideEffects.check(EMPTY, after);

        assertThat(effects.problems()).isEmpty();
        assertThat(effects.ended()).isEqualTo(3);
        assertThat(effects.confirmed()).isEqualTo(1);
    }

    @Test
    void orchestratedEffectsAreToldByTheirDatabaseWhateverTheStepIndexOfTheSagasVersion() {
        // version 2 of the order saga screens first: its debit is step 2 and its reservation step 3
        Ledger after = new Ledger(List.of(order("a", "CONFIRMED"), order("b", "CANCELLED"), order("c", "CONFIRMED")),
                Map.of("c1", 940L), Map.of("p1", 96L), Set.of("s-a:2:step", "s-b:2:step", "s-b:2:compensate",
                        "s-c:1:step"), Set.of("s-a:3:step", "s-c:2:step"));

        SideEffects effects = SideEffects.check(EMPTY, after);

        assertThat(effects.problems()).isEmpty();
        assertThat(effects.unrecognisedKeys()).isZero();
        assertThat(effects.confirmed()).isEqualTo(2);
    }

    @Test
    void aDebitNotRefundedOnACancelledOrderIsAMissedCompensation() {
        Ledger after = new Ledger(List.of(order("b", "CANCELLED")), Map.of("c1", 970L), Map.of("p1", 100L),
                Set.of("s-b:1:step"), Set.of());

        SideEffects effects = SideEffects.check(EMPTY, after);

        assertThat(effects.missedCompensations()).isEqualTo(1);
    }

    @Test
    void aBalanceThatMovedMoreThanTheRecordedEffectsIsAnEffectDoneTwice() {
        Ledger after = new Ledger(List.of(order("b", "CANCELLED")), Map.of("c1", 1_030L), Map.of("p1", 100L),
                Set.of("s-b:1:step", "s-b:1:compensate"), Set.of());

        SideEffects effects = SideEffects.check(EMPTY, after);

        assertThat(effects.doubleEffects()).isEqualTo(1);
        assertThat(effects.problems()).anyMatch(problem -> problem.contains("customer c1 spent -30"));
    }

    @Test
    void effectsOfASagaThatNoOrderHasAndPendingOrdersAreReported() {
        Ledger after = new Ledger(List.of(order("a", "PENDING")), Map.of("c1", 970L), Map.of("p1", 100L),
                Set.of("s-ghost:payment:start"), Set.of());

        SideEffects effects = SideEffects.check(EMPTY, after);

        assertThat(effects.notEnded()).isEqualTo(1);
        assertThat(effects.problems()).anyMatch(problem -> problem.contains("s-ghost"));
    }
}
