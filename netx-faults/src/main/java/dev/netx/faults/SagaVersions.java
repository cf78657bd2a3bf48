package dev.netx.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issue 17's invariant on the roles' databases: every orchestrated order ran exactly the steps of
 * the chain version it started with, and was undone by that chain. An order's version is what its
 * row records ({@code saga_version} 2, written by version 2's screen step; empty for version 1); its
 * steps are the step indexes of the idempotency keys it left ({@code <sagaId>:<index>:<phase>}):
 * version 1 debits at 1 and reserves at 2, version 2 at 2 and 3, and a refund or release has the
 * index of what it undoes. Where the build that took the order's call is known, its start version
 * must be the order's (a saga run by another chain from its first step on would look like one of
 * that chain's own).
 *
 * @param v1            orchestrated orders of version 1
 * @param v2            orchestrated orders of version 2
 * @param cancelledV1   of the version-1 orders, those cancelled after their debit (refunded by version 1)
 * @param cancelledV2   of the version-2 orders, those cancelled after their debit (refunded by version 2)
 * @param choreographed choreographed orders (no version; their keys name groups)
 * @param judged        orchestrated orders whose version was also checked against the build that started them
 * @param problems      each order that ran another chain's steps, readable (at most 50)
 */
record SagaVersions(int v1, int v2, int cancelledV1, int cancelledV2, int choreographed, int judged,
        List<String> problems) {

    /** Where each version's debit and reservation are in its chain. */
    private static final Map<Integer, Map<String, Integer>> STEPS = Map.of(
            1, Map.of("payment", 1, "inventory", 2),
            2, Map.of("payment", 2, "inventory", 3));

    /**
     * Checks the orders new in {@code after}.
     *
     * @param versions the {@code saga_version} of each order that has one, by order id
     * @param styles   orchestration or choreography, by order id, as its call said (orders without
     *                 a call are told by their keys)
     * @param launched the start version of the build that took each order's call, where known
     */
    static SagaVersions check(Ledger before, Ledger after, Map<String, Integer> versions, Map<String, String> styles,
            Map<String, Integer> launched) {
        Map<String, Map<String, Set<Integer>>> orchestrated = new HashMap<>();
        Map<String, Set<String>> compensated = new HashMap<>();
        Set<String> choreographedSagas = new HashSet<>();
        for (String role : List.of("payment", "inventory")) {
            Set<String> keys = new HashSet<>(role.equals("payment") ? after.paymentKeys() : after.inventoryKeys());
            keys.removeAll(role.equals("payment") ? before.paymentKeys() : before.inventoryKeys());
            for (String key : keys) {
                int phaseAt = key.lastIndexOf(':');
                int stepAt = phaseAt < 0 ? -1 : key.lastIndexOf(':', phaseAt - 1);
                if (stepAt <= 0) {
                    continue;
                }
                String saga = key.substring(0, stepAt);
                String step = key.substring(stepAt + 1, phaseAt);
                if (step.isEmpty() || !step.chars().allMatch(Character::isDigit)) {
                    choreographedSagas.add(saga);
                    continue;
                }
                orchestrated.computeIfAbsent(saga, s -> new HashMap<>())
                        .computeIfAbsent(role, r -> new TreeSet<>()).add(Integer.parseInt(step));
                if (role.equals("payment") && key.endsWith(":compensate")) {
                    compensated.computeIfAbsent(saga, s -> new HashSet<>()).add(role);
                }
            }
        }
        Set<String> old = before.orderIds();
        List<String> problems = new ArrayList<>();
        int v1 = 0, v2 = 0, cancelledV1 = 0, cancelledV2 = 0, choreographed = 0, judged = 0;
        for (Ledger.Order order : after.orders()) {
            if (old.contains(order.orderId())) {
                continue;
            }
            Integer recorded = versions.get(order.orderId());
            Map<String, Set<Integer>> steps = orchestrated.getOrDefault(order.sagaId(), Map.of());
            String style = styles.getOrDefault(order.orderId(),
                    recorded != null || !steps.isEmpty() ? "orchestration" : "choreography");
            if (style.equals("choreography")) {
                choreographed++;
                if (recorded != null || !steps.isEmpty()) {
                    problems.add("choreographed order " + order.orderId() + " has saga_version " + recorded
                            + " and orchestrated steps " + steps);
                }
                continue;
            }
            if (choreographedSagas.contains(order.sagaId())) {
                problems.add("orchestrated order " + order.orderId() + " (saga " + order.sagaId()
                        + ") has keys of choreographed listeners");
            }
            int version = recorded == null ? 1 : recorded;
            if (!STEPS.containsKey(version)) {
                problems.add("order " + order.orderId() + " records saga_version " + recorded);
                continue;
            }
            boolean refunded = compensated.containsKey(order.sagaId());
            if (version == 1) {
                v1++;
                cancelledV1 += refunded ? 1 : 0;
            } else {
                v2++;
                cancelledV2 += refunded ? 1 : 0;
            }
            for (var expected : STEPS.get(version).entrySet()) {
                Set<Integer> indexes = steps.getOrDefault(expected.getKey(), Set.of());
                if (!indexes.isEmpty() && !indexes.equals(Set.of(expected.getValue()))) {
                    problems.add("version-" + version + " order " + order.orderId() + " (saga " + order.sagaId()
                            + ", " + order.status() + ") has " + expected.getKey() + " keys at steps " + indexes
                            + ", its chain's are at step " + expected.getValue());
                }
            }
            Integer started = launched.get(order.orderId());
            if (started != null) {
                judged++;
                if (started != version) {
                    problems.add("order " + order.orderId() + " (saga " + order.sagaId() + ", " + order.status()
                            + ") was taken by a build starting version " + started + " but ran as version " + version
                            + " (steps " + steps + ")");
                }
            }
        }
        return new SagaVersions(v1, v2, cancelledV1, cancelledV2, choreographed, judged,
                List.copyOf(problems.size() > 50 ? problems.subList(0, 50) : problems));
    }
}
