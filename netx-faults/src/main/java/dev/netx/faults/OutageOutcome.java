package dev.netx.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an outage of the payment provider left behind, from the dead letters the processes logged,
 * those still in Redis at the end and the databases: each saga whose refund was dead-lettered must
 * end with its order CANCELLED, debited once and refunded once (the payment database's idempotency
 * keys, as the checker reads them), and no dead letter of the run may remain.
 *
 * @param written    dead letters written during the run, of any group
 * @param ofProvider of those, refunds of group payment that failed with the provider down
 * @param sagas      the sagas of those
 * @param refunded   of those, orders CANCELLED with exactly one debit and one refund
 * @param pending    of those, orders not ended (PENDING) or missing
 * @param remaining  dead letters written during the run still in the dead-letter streams at the end
 * @param problems   each saga or dead letter that breaks the above, readable (the first 20)
 * @param others     dead letters of another group or reason, readable (the first 10)
 */
record OutageOutcome(int written, int ofProvider, int sagas, int refunded, int pending, int remaining,
        List<String> problems, List<String> others) {

    /** The failure the shop's hook gives a refund while the provider is down. */
    static final String PROVIDER_DOWN = "payment provider unavailable";
    private static final String GROUP = "payment";

    /** Copies. */
    OutageOutcome {
        problems = List.copyOf(problems);
        others = List.copyOf(others);
    }

    /**
     * Judges the outage.
     *
     * @param written   the dead letters logged during the run
     * @param remaining the ids ({@code <shard>/<entry>}) of the dead letters in Redis at the end
     * @param before    the databases before the run
     * @param after     the databases now
     */
    static OutageOutcome of(List<DeadLetterLines.Written> written, Set<String> remaining, Ledger before,
            Ledger after) {
        List<DeadLetterLines.Written> refunds = written.stream().filter(OutageOutcome::ofProvider).toList();
        List<String> others = written.stream().filter(w -> !ofProvider(w)).limit(10).map(Object::toString).toList();
        Map<String, Ledger.Order> orders = after.orders().stream()
                .collect(Collectors.toMap(Ledger.Order::sagaId, Function.identity(), (a, b) -> a));
        Map<String, Map<Effect, Integer>> effects = new HashMap<>();
        after.paymentKeys().stream().filter(key -> !before.paymentKeys().contains(key))
                .map(key -> Effect.of("payment", key)).flatMap(Optional::stream)
                .forEach(r -> effects.computeIfAbsent(r.sagaId(), id -> new HashMap<>()).merge(r.effect(), 1,
                        Integer::sum));
        List<String> problems = new ArrayList<>();
        Set<String> sagas = new LinkedHashSet<>();
        refunds.forEach(letter -> sagas.add(letter.sagaId()));
        int refunded = 0;
        int pending = 0;
        for (String saga : sagas) {
            Ledger.Order order = orders.get(saga);
            Map<Effect, Integer> done = effects.getOrDefault(saga, Map.of());
            int debits = done.getOrDefault(Effect.DEBIT, 0);
            int refundsDone = done.getOrDefault(Effect.REFUND, 0);
            if (order == null || !order.isFinal()) {
                pending++;
            }
            if (order != null && "CANCELLED".equals(order.status()) && debits == 1 && refundsDone == 1) {
                refunded++;
            } else {
                problems.add("saga " + saga + " (order " + (order == null ? "missing" : order.orderId() + ", "
                        + order.status()) + ") whose refund was dead-lettered has " + debits + " debit(s) and "
                        + refundsDone + " refund(s), expected a CANCELLED order with one of each");
            }
        }
        List<String> left = written.stream().map(DeadLetterLines.Written::deadId).filter(remaining::contains)
                .toList();
        if (!left.isEmpty()) {
            problems.add(0, left.size() + " dead letters written during the run are still in the dead-letter"
                    + " streams: " + left.stream().limit(10).toList());
        }
        return new OutageOutcome(written.size(), refunds.size(), sagas.size(), refunded, pending, left.size(),
                problems.size() > 20 ? problems.subList(0, 20) : problems, others);
    }

    /**
     * What the run with the operator's relay must hold: dead letters happened (else the outage proved
     * nothing), the operator relayed at least as many as were written of the provider's refunds, and
     * every problem above is one.
     */
    List<String> violations(int relayed) {
        List<String> violations = new ArrayList<>();
        if (ofProvider == 0) {
            violations.add("no refund was dead-lettered during the outage: the scenario proved nothing");
        }
        if (relayed < ofProvider) {
            violations.add(ofProvider + " refunds were dead-lettered, the operator relayed only " + relayed);
        }
        violations.addAll(problems);
        return violations;
    }

    /** What the run without the relay shows: the refunds left undone. */
    List<String> shown() {
        return List.of("without a relay " + (sagas - refunded) + " of the " + sagas + " sagas whose refund was"
                + " dead-lettered were left without it (" + pending + " orders not ended, the others CANCELLED"
                + " unrefunded) and " + remaining + " dead letters remain");
    }

    /** The run without the relay breaks only if it showed nothing: no dead letter, or every refund done anyway. */
    List<String> unshown() {
        if (ofProvider == 0) {
            return List.of("no refund was dead-lettered during the outage: the scenario proved nothing");
        }
        return refunded < sagas ? List.of() : List.of("every dead-lettered refund was done without a relay: the"
                + " outage showed nothing");
    }

    /** The others, as findings: dead letters of another group or reason. */
    List<String> otherFindings() {
        return written - ofProvider == 0 ? List.of() : List.of((written - ofProvider) + " dead letters of another"
                + " group or reason, e.g. " + others);
    }

    private static boolean ofProvider(DeadLetterLines.Written letter) {
        return GROUP.equals(letter.group()) && letter.reason().contains(PROVIDER_DOWN);
    }
}
