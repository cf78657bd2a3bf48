package dev.netx.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The invariants of callers that retry with an {@code Idempotency-Key}, on their calls and the
 * roles' databases: every try of one key was answered for the one order the shop derives from the
 * key ({@code UUID.nameUUIDFromBytes("order:" + key)}), every final answer (201, 409) for its one
 * saga, the one its row holds, and the order was debited at most once; the key sent again with
 * another body was not taken for it (422, or a 202 whose outcome is unknown); no debit belongs to a
 * saga without an order row (a second saga of a retried order). Counted apart, not broken: 202
 * answers naming a saga that is not the key's (the start's reply came after the caller's timeout,
 * so the answer names the id the node drew for it), and conflicts answered 202 for that reason.
 *
 * @param keys          keys sent
 * @param tries         calls with a key (conflicts not counted)
 * @param retries       tries after the first, by why they were sent (twins too)
 * @param conflicts     calls that reused a key with another body
 * @param ordersDebited keyed orders that were debited (each exactly once)
 * @param rows          order rows of the keys
 * @param otherSagaIn202 202 answers to a key's tries that named a saga other than the key's
 * @param conflictsIn422 reuses of a key with another body answered 422
 * @param conflictsIn202 reuses of a key with another body answered 202 instead of 422
 * @param problems      each broken invariant, readable (at most 50)
 */
record KeyedRetries(int keys, int tries, Map<Call.Attempt, Integer> retries, int conflicts, int ordersDebited,
        int rows, int otherSagaIn202, int conflictsIn422, int conflictsIn202, List<String> problems) {

    /** The order id the shop gives an order placed with this key. */
    static String orderIdOf(String key) {
        return UUID.nameUUIDFromBytes(("order:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Checks the keyed calls against the databases after the scenario. */
    static KeyedRetries check(List<Call> calls, Ledger before, Ledger after) {
        Map<String, List<Call>> byKey = calls.stream().filter(c -> c.idempotencyKey() != null)
                .collect(Collectors.groupingBy(Call::idempotencyKey));
        Map<String, Ledger.Order> orders = after.orders().stream()
                .collect(Collectors.toMap(Ledger.Order::orderId, o -> o));
        Set<String> sagas = after.orders().stream().map(Ledger.Order::sagaId).collect(Collectors.toSet());
        Map<String, Integer> debits = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> newKeys = new HashSet<>(after.paymentKeys());
        newKeys.removeAll(before.paymentKeys());
        for (String key : newKeys) {
            Effect.of("payment", key).filter(e -> e.effect() == Effect.DEBIT).ifPresent(debit -> {
                debits.merge(debit.sagaId(), 1, Integer::sum);
                if (!sagas.contains(debit.sagaId())) {
                    problems.add("debit " + key + " of a saga that no order has (a second saga of a retried order?)");
                }
            });
        }
        int tries = 0, conflicts = 0, debited = 0, rows = 0, otherSagaIn202 = 0, conflictsIn422 = 0,
                conflictsIn202 = 0;
        Map<Call.Attempt, Integer> retries = new EnumMap<>(Call.Attempt.class);
        for (var entry : byKey.entrySet()) {
            String orderId = orderIdOf(entry.getKey());
            Ledger.Order order = orders.get(orderId);
            Set<String> answeredSagas = new HashSet<>();
            boolean accepted = false;
            for (Call call : entry.getValue()) {
                if (call.attempt() == Call.Attempt.CONFLICT) {
                    conflicts++;
                    conflictsIn422 += call.status() == 422 ? 1 : 0;
                    conflictsIn202 += call.status() == 202 ? 1 : 0;
                    if (call.status() != 422 && call.status() != 202) {
                        problems.add("key " + entry.getKey() + " reused with another body was answered "
                                + call.status() + ", not 422: " + call);
                    }
                    continue;
                }
                tries++;
                if (call.attempt() != Call.Attempt.FIRST) {
                    retries.merge(call.attempt(), 1, Integer::sum);
                }
                if (call.status() == 422) {
                    problems.add("a try of key " + entry.getKey() + " with its own body was refused 422: " + call);
                }
                if (call.orderId() != null && !call.orderId().equals(orderId)) {
                    problems.add("a try of key " + entry.getKey() + " was answered with order " + call.orderId()
                            + ", the key's is " + orderId + ": " + call);
                }
                if (call.sagaId() != null && call.completed()) {
                    answeredSagas.add(call.sagaId());
                } else if (call.sagaId() != null && call.status() == 202
                        && (order == null || !order.sagaId().equals(call.sagaId()))) {
                    otherSagaIn202++;
                }
                accepted |= call.accepted();
            }
            if (answeredSagas.size() > 1) {
                problems.add("the tries of key " + entry.getKey() + " were answered with sagas " + answeredSagas);
            }
            if (order == null) {
                if (accepted) {
                    problems.add("key " + entry.getKey() + " was accepted but has no order row " + orderId);
                }
                continue;
            }
            rows++;
            if (!answeredSagas.isEmpty() && !answeredSagas.equals(Set.of(order.sagaId()))) {
                problems.add("order " + orderId + " of key " + entry.getKey() + " holds saga " + order.sagaId()
                        + ", its tries were answered with " + answeredSagas);
            }
            int times = debits.getOrDefault(order.sagaId(), 0);
            debited += times > 0 ? 1 : 0;
            if (times > 1) {
                problems.add("order " + orderId + " of key " + entry.getKey() + " was debited " + times + " times");
            }
        }
        return new KeyedRetries(byKey.size(), tries, Map.copyOf(retries), conflicts, debited, rows, otherSagaIn202,
                conflictsIn422, conflictsIn202,
                List.copyOf(problems.size() > 50 ? problems.subList(0, 50) : problems));
    }

    /** Retries of every kind. */
    int retried() {
        return retries.values().stream().mapToInt(Integer::intValue).sum();
    }
}
