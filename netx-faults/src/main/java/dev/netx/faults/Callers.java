package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the callers got: an answer within their deadline, or a clear error. A call cut off because
 * its own order process was killed or frozen is counted apart from a call that hung for no reason.
 *
 * @param total      calls made
 * @param answered   calls that got an HTTP answer within the deadline
 * @param accepted   answered calls, late ones too, whose order the shop took (201, 409 or 202)
 * @param cutOff     calls whose order process was killed or frozen while they waited, and that got no answer
 *                   within the deadline (none, or a late one from the thawed process)
 * @param refused    calls no order process accepted a connection for (nothing was sent)
 * @param hung       calls that got no answer within the deadline from a process that ran
 * @param broken     calls whose connection broke though their process ran
 * @param statuses   HTTP status to count
 * @param p50Ms      median latency of the answered calls
 * @param p99Ms      99th percentile latency of the answered calls
 * @param maxMs      the longest answered call
 * @param problems   each call that broke the rule, readable (at most 20)
 */
record Callers(int total, int answered, int accepted, int cutOff, int refused, int hung, int broken,
        Map<Integer, Integer> statuses, long p50Ms, long p99Ms, long maxMs, List<String> problems) {

    /** Classifies the calls. */
    static Callers check(List<Call> calls, List<Disruption> disruptions, Duration deadline) {
        int answered = 0, accepted = 0, cutOff = 0, refused = 0, hung = 0, broken = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Long> latencies = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Call call : calls) {
            boolean cut = disruptions.stream().anyMatch(d -> d.cuts(call));
            switch (call.outcome()) {
                case ANSWERED -> {
                    statuses.merge(call.status(), 1, Integer::sum);
                    if (call.latencyMs() <= deadline.toMillis()) {
                        answered++;
                        latencies.add(call.latencyMs());
                    } else if (cut) {
                        // its order process was frozen while it waited, and answered once thawed
                        cutOff++;
                    } else {
                        hung++;
                        problems.add("answered after " + call.latencyMs() + " ms: " + call);
                    }
                    accepted += call.accepted() ? 1 : 0;
                }
                case REFUSED -> refused++;
                case TIMED_OUT, CONNECTION_LOST -> {
                    if (cut) {
                        cutOff++;
                    } else if (call.outcome() == Call.Outcome.TIMED_OUT) {
                        hung++;
                        problems.add("no answer within " + deadline.toMillis() + " ms: " + call);
                    } else {
                        broken++;
                        problems.add("connection broke: " + call);
                    }
                }
                default -> throw new IllegalStateException(call.outcome().name());
            }
        }
        latencies.sort(null);
        return new Callers(calls.size(), answered, accepted, cutOff, refused, hung, broken, statuses,
                percentile(latencies, 50), percentile(latencies, 99),
                latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
                List.copyOf(problems.size() > 20 ? problems.subList(0, 20) : problems));
    }

    /** The share of callers that got an answer or a clear error (a refused or cut connection), in percent. */
    double answeredPercent() {
        return total == 0 ? 100 : 100.0 * (answered + refused + cutOff) / total;
    }

    /** The percentile of sorted values, 0 for none. */
    static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
