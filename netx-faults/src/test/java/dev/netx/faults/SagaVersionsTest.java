package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rolling deploy's check must catch a saga continued or undone by the other version's chain. */
class SagaVersionsTest {

    private static final Ledger EMPTY = new Ledger(List.of(), Map.of(), Map.of(), Set.of(), Set.of());

    private static Ledger.Order order(String id, String status) {
        return new Ledger.Order(id, "s-" + id, "c1", "p1", 1, 10, status);
    }

    private static Ledger after(Set<String> payment, Set<String> inventory, Ledger.Order... orders) {
        return new Ledger(List.of(orders), Map.of(), Map.of(), payment, inventory);
    }

    @Test
    void ordersOfBothVersionsWithTheirOwnChainsStepsHold() {
        Ledger after = after(Set.of("s-a:1:step", "s-b:2:step", "s-b:2:compensate", "s-c:1:step", "s-c:1:compensate",
                "s-d:payment:start"), Set.of("s-a:2:step", "s-d:inventory:join"), order("a", "CONFIRMED"),
                order("b", "CANCELLED"), order("c", "CANCELLED"), order("d", "CONFIRMED"));

        SagaVersions versions = SagaVersions.check(EMPTY, after, Map.of("b", 2),
                Map.of("a", "orchestration", "b", "orchestration", "d", "choreography"), Map.of("a", 1, "b", 2));

        assertThat(versions.problems()).isEmpty();
        assertThat(versions).extracting(SagaVersions::v1, SagaVersions::v2, SagaVersions::cancelledV1,
                SagaVersions::cancelledV2, SagaVersions::choreographed, SagaVersions::judged)
                .containsExactly(2, 1, 1, 1, 1, 2);
    }

    @Test
    void aVersion2OrderContinuedByVersion1sChainIsCaught() {
        // screened by version 2, then its debit's reply taken by version 1: reserved at 2, not 3
        Ledger after = after(Set.of("s-b:2:step"), Set.of("s-b:2:step"), order("b", "CONFIRMED"));

        SagaVersions versions = SagaVersions.check(EMPTY, after, Map.of("b", 2), Map.of(), Map.of());

        assertThat(versions.problems()).singleElement().asString().contains("inventory keys at steps [2]");
    }

    @Test
    void aDebitUndoneAtAnotherStepIndexIsCaught() {
        Ledger after = after(Set.of("s-b:1:step", "s-b:2:compensate"), Set.of(), order("b", "CANCELLED"));

        SagaVersions versions = SagaVersions.check(EMPTY, after, Map.of(), Map.of("b", "orchestration"), Map.of());

        assertThat(versions.problems()).singleElement().asString().contains("payment keys at steps [1, 2]");
    }

    @Test
    void aSagaRunWhollyByTheOtherChainThanItsBuildStartedIsCaught() {
        // taken by a version-2 build, yet run from its first step on by version 1
        Ledger after = after(Set.of("s-a:1:step"), Set.of("s-a:2:step"), order("a", "CONFIRMED"));

        SagaVersions versions = SagaVersions.check(EMPTY, after, Map.of(), Map.of("a", "orchestration"),
                Map.of("a", 2));

        assertThat(versions.problems()).singleElement().asString().contains("build starting version 2");
    }
}
