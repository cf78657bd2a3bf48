package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checks the failover scenarios share: after each failover the new master took a write, and a
 * caller's order was accepted again after the last refusal, each within a bound; and, for each
 * accepted order that did not end, where it was relative to the nearest failover.
 *
 * @param parts      per failover, {@code <kind> <took a write>/<old one demoted>/<caller accepted> s (<n> refused)}
 * @param numbers    per failover, the same as numbers for the report
 * @param violations failovers that missed a bound
 * @param refused    calls refused (5xx or no answer) in the 30 s after the failovers
 * @param findings   where each lost order was
 */
record FailoverCheck(List<String> parts, List<Map<String, Object>> numbers, List<String> violations, int refused,
        List<String> findings) {

    /** Checks the failovers against the calls and the databases now; {@code master} names the new master in messages. */
    static FailoverCheck of(List<Failover> runs, List<Call> calls, Ledger after, Duration bound, String master) {
        List<String> violations = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        List<Map<String, Object>> numbers = new ArrayList<>();
        int refusedInAll = 0;
        for (int i = 0; i < runs.size(); i++) {
            Failover failover = runs.get(i);
            long windowEnd = Math.min(failover.atMs() + 30_000,
                    i + 1 < runs.size() ? runs.get(i + 1).atMs() : Long.MAX_VALUE);
            // a refusal belongs to the failover before its answer: a call sent just before a kill is refused by it
            List<Call> refused = calls.stream().filter(FailoverCheck::refused)
                    .filter(c -> c.endMs() >= failover.atMs() && c.endMs() < windowEnd).toList();
            long lastRefusal = refused.stream().mapToLong(Call::endMs).max().orElse(failover.atMs());
            long accepted = calls.stream().filter(c -> c.accepted() && c.startMs() >= lastRefusal)
                    .mapToLong(Call::endMs).min().orElse(-1);
            long callersMs = accepted < 0 ? -1 : accepted - failover.atMs();
            refusedInAll += refused.size();
            String which = "failover " + (i + 1) + " (" + failover.kind() + " at " + seconds(failover.atMs()) + " s)";
            if (failover.writableMs() < 0) {
                violations.add(which + ": the new " + master + " took no write within " + bound);
            }
            if (callersMs < 0 || callersMs > bound.toMillis()) {
                violations.add(which + ": no caller's order was accepted within " + bound + " after the last"
                        + " refusal (" + (callersMs < 0 ? "none" : callersMs + " ms") + ")");
            }
            parts.add(String.format(Locale.ROOT, "%s %s/%s/%s s (%d refused)", failover.kind(),
                    seconds(failover.writableMs()), seconds(failover.demotedMs()), seconds(callersMs),
                    refused.size()));
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("kind", failover.kind());
            one.put("atMs", failover.atMs());
            one.put("newPrimaryTookWriteAfterMs", failover.writableMs());
            one.put("oldPrimaryTurnedReplicaAfterMs", failover.demotedMs());
            one.put("callerAcceptedAgainAfterMs", callersMs);
            one.put("callsRefused", refused.size());
            one.put("refusals", refused.stream().collect(Collectors.groupingBy(FailoverCheck::refusal,
                    Collectors.counting())));
            numbers.add(one);
        }
        return new FailoverCheck(parts, numbers, violations, refusedInAll, lostNearFailovers(calls, after, runs));
    }

    /** For each lost order, where its call was relative to the failover nearest it: the loss's cause. */
    private static List<String> lostNearFailovers(List<Call> calls, Ledger after, List<Failover> runs) {
        Map<String, Ledger.Order> orders = after.orders().stream()
                .collect(Collectors.toMap(Ledger.Order::orderId, Function.identity(), (a, b) -> a));
        List<String> findings = new ArrayList<>();
        for (Call call : calls) {
            Ledger.Order order = call.accepted() ? orders.get(call.orderId()) : null;
            if (!call.accepted() || (order != null && order.isFinal())) {
                continue;
            }
            Failover nearest = runs.stream().min((a, b) -> Long.compare(Math.abs(a.atMs() - call.endMs()),
                    Math.abs(b.atMs() - call.endMs()))).orElse(null);
            findings.add(String.format(Locale.ROOT, "lost: order %s (saga %s, answered %d, %s), sent at %s s,"
                    + " answered at %s s; nearest failover: %s", call.orderId(), call.sagaId(), call.status(),
                    order == null ? "no order row" : "order " + order.status(), seconds(call.startMs()),
                    seconds(call.endMs()), nearest == null ? "none" : nearest.kind() + " at " + seconds(nearest.atMs()) + " s"));
        }
        return findings;
    }

    private static boolean refused(Call call) {
        return call.outcome() != Call.Outcome.ANSWERED || call.status() >= 500;
    }

    private static String refusal(Call call) {
        return call.outcome() == Call.Outcome.ANSWERED ? "HTTP " + call.status() : call.outcome().name();
    }

    /** Milliseconds as seconds with one decimal, or {@code -} for a negative (not measured). */
    static String seconds(long ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
