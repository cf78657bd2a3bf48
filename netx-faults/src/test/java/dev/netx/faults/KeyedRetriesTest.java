package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The retrying callers' check must catch a retry that started a second saga, or was answered for another order. */
class KeyedRetriesTest {

    private static final Ledger EMPTY = new Ledger(List.of(), Map.of(), Map.of(), Set.of(), Set.of());
    private static final String KEY = "k1";
    private static final String ORDER = KeyedRetries.orderIdOf(KEY);

    private static Call call(Call.Attempt attempt, int status, String orderId, String sagaId) {
        return new Call(0, "orchestration", OrderMix.Kind.NORMAL, "order-1", 0, 10, status, Call.Outcome.ANSWERED,
                orderId, sagaId, null, KEY, attempt, null);
    }

    private static Ledger after(String sagaId, Set<String> paymentKeys) {
        return new Ledger(List.of(new Ledger.Order(ORDER, sagaId, "c1", "p1", 1, 10, "CONFIRMED")), Map.of(),
                Map.of(), paymentKeys, Set.of());
    }

    @Test
    void retriesAnsweredWithTheKeysOrderAndSagaAndOneDebitHold() {
        List<Call> calls = List.of(call(Call.Attempt.FIRST, 202, ORDER, "s-1"),
                call(Call.Attempt.TWIN, 202, ORDER, "s-1"), call(Call.Attempt.AFTER_202, 201, ORDER, "s-1"),
                call(Call.Attempt.CONFLICT, 422, null, "s-1"));

        KeyedRetries retries = KeyedRetries.check(calls, EMPTY, after("s-1", Set.of("s-1:1:step")));

        assertThat(retries.problems()).isEmpty();
        assertThat(retries).extracting(KeyedRetries::keys, KeyedRetries::tries, KeyedRetries::retried,
                KeyedRetries::conflicts, KeyedRetries::conflictsIn422, KeyedRetries::ordersDebited,
                KeyedRetries::rows)
                .containsExactly(1, 3, 2, 1, 1, 1, 1);
    }

    @Test
    void a202NamingAnotherSagaIdIsCountedNotBroken() {
        // the start's reply came after the caller's timeout: the answer names the id the node drew
        List<Call> calls = List.of(call(Call.Attempt.FIRST, 202, ORDER, "s-drawn"),
                call(Call.Attempt.AFTER_202, 201, ORDER, "s-1"), call(Call.Attempt.CONFLICT, 202, ORDER, "s-drawn-2"));

        KeyedRetries retries = KeyedRetries.check(calls, EMPTY, after("s-1", Set.of("s-1:1:step")));

        assertThat(retries.problems()).isEmpty();
        assertThat(retries.otherSagaIn202()).isEqualTo(1);
        assertThat(retries.conflictsIn202()).isEqualTo(1);
    }

    @Test
    void aRetryThatStartedASecondSagaIsCaught() {
        List<Call> calls = List.of(call(Call.Attempt.FIRST, 201, ORDER, "s-1"),
                call(Call.Attempt.TWIN, 201, ORDER, "s-2"));

        KeyedRetries retries = KeyedRetries.check(calls, EMPTY, after("s-1", Set.of("s-1:1:step", "s-2:1:step")));

        assertThat(retries.problems()).anyMatch(p -> p.contains("answered with sagas"))
                .anyMatch(p -> p.contains("debit s-2:1:step of a saga that no order has"));
    }

    @Test
    void aRetryAnsweredForAnotherOrderOrAConflictNotRefusedIsCaught() {
        List<Call> calls = List.of(call(Call.Attempt.FIRST, 201, "other", "s-1"),
                call(Call.Attempt.CONFLICT, 201, ORDER, "s-1"));

        KeyedRetries retries = KeyedRetries.check(calls, EMPTY, after("s-1", Set.of("s-1:1:step")));

        assertThat(retries.problems()).anyMatch(p -> p.contains("answered with order other"))
                .anyMatch(p -> p.contains("not 422"));
        assertThat(retries.conflictsIn422()).isZero();
    }
}
