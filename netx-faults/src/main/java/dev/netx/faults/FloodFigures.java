package dev.netx.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a flood did, from its calls, its watch and the processes' logs: what the edge took and
 * refused, how full Redis got, what Redis refused for memory, and how long the accepted orders took.
 *
 * @param seconds         how long the flood ran
 * @param accepted        calls sent during it answered 201, 202 or 409
 * @param refused429      calls sent during it answered 429
 * @param without         of those, answered without a {@code Retry-After}
 * @param answered503     calls sent during it answered 503 (Redis refused the start)
 * @param oomAnswers      answers, any time in the scenario, whose error names an OOM
 * @param oomLines        lines of the processes' logs naming an OOM refusal of Redis
 * @param oomSagaLines    of those, lines of an accepted saga's message that could not move on
 * @param oomSagas        the sagas those lines name
 * @param oomExamples     the first line of each kind
 * @param acceptRate      orders accepted a second from the payment stop until the first 429 (or payment's return)
 * @param maxmemory       Redis's maxmemory during the flood, in bytes
 * @param idleBytes       what the idle shop used before it
 * @param peakBytes       the most Redis used at a sample
 * @param paymentDownMs   from the payment processes' stop until both were started again
 * @param startFailures   why a payment process did not start again, if one did not
 * @param waitingAtReturn accepted orders not ended when payment was back
 * @param drainedMs       from payment's return until every saga accepted by the flood's end had ended; -1 if not within the bound
 * @param unended         orders accepted during the flood not seen ended when the watch stopped
 * @param endP50Ms        median time from an accepted order's call until it ended
 * @param endP99Ms        99th percentile of the same
 * @param answerP99Ms     99th percentile of the accepted calls' answer time
 * @param memoryMbBySecond Redis's used memory, the watch's first sample of each second: [seconds on the timeline, MB]
 */
record FloodFigures(double seconds, int accepted, int refused429, int without, int answered503, int oomAnswers,
        int oomLines, int oomSagaLines, int oomSagas, String oomExamples, double acceptRate, long maxmemory,
        long idleBytes, long peakBytes, long paymentDownMs, List<String> startFailures, int waitingAtReturn,
        long drainedMs, int unended, long endP50Ms, long endP99Ms, long answerP99Ms,
        List<List<Number>> memoryMbBySecond) {

    private static final double MB = 1024 * 1024;

    /** The figures of a flood whose steps and watch are done. */
    static FloodFigures of(FloodScenario.Flood flood, List<Call> calls, OomRefusals oom) {
        List<Call> during = calls.stream().filter(c -> c.startMs() >= flood.startedAt && c.startMs() < flood.calmAt)
                .toList();
        List<Call> accepted = during.stream().filter(Call::accepted).toList();
        List<Long> ends = new ArrayList<>();
        for (Call call : accepted) {
            long end = end(call, flood.watch);
            if (end >= 0) {
                ends.add(end - call.startMs());
            }
        }
        ends.sort(null);
        long up = flood.paymentUpAt;
        long waiting = calls.stream().filter(c -> c.accepted() && c.startMs() < up)
                .filter(c -> end(c, flood.watch) < 0 || end(c, flood.watch) > up).count();
        long firstRefusal = during.stream().filter(c -> c.status() == 429 && c.startMs() >= flood.paymentStoppedAt)
                .mapToLong(Call::startMs).min().orElse(up);
        long until = Math.min(firstRefusal, up);
        long acceptedWhileDown = accepted.stream()
                .filter(c -> c.startMs() >= flood.paymentStoppedAt && c.startMs() < until).count();
        return new FloodFigures((flood.calmAt - flood.startedAt) / 1000.0, accepted.size(), count(during, 429),
                (int) during.stream().filter(c -> c.status() == 429 && c.retryAfter() == null).count(),
                count(during, 503), (int) calls.stream().filter(FloodFigures::namesOom).count(), oom.lines(),
                oom.sagaLines(), oom.sagas().size(), "e.g. '" + oom.sagaExample() + "', '" + oom.otherExample() + "'",
                acceptedWhileDown * 1000.0 / Math.max(1, until - flood.paymentStoppedAt), flood.maxmemory,
                flood.idleBytes, flood.watch.peakBytes(), up - flood.paymentStoppedAt,
                List.copyOf(flood.startFailures), (int) waiting, flood.drainedAt < 0 ? -1 : flood.drainedAt - up,
                accepted.size() - ends.size(), Callers.percentile(ends, 50), Callers.percentile(ends, 99),
                Callers.percentile(accepted.stream().map(Call::latencyMs).sorted().toList(), 99),
                bySecond(flood.watch.memory()));
    }

    /** The flood's figures in words. */
    String figure() {
        String drain = drainedMs < 0
                ? unended + " accepted during the flood not ended " + FloodScenario.DRAIN_BOUND.toSeconds() + " s after it"
                : String.format(Locale.ROOT, "every accepted saga ended %.1f s after it (%.0f a second)",
                        drainedMs / 1000.0, waitingAtReturn * 1000.0 / Math.max(1, drainedMs));
        return String.format(Locale.ROOT, "flood of %d callers for %.0f s, maxmemory %.1f MB (the idle shop's %.1f MB +"
                + " %d MB): %d accepted (%.0f a second while payment was down), %d refused with 429 (%s), %d answered"
                + " 503; payment down %.0f s%s; Redis peaked at %.0f%% of maxmemory; %d OOM lines in the logs (%d of"
                + " %d accepted sagas' messages), %d answers naming an OOM; %d accepted sagas waiting when payment was"
                + " back, %s; accepted orders ended p50 %.1f s, p99 %.1f s after their call (answered p99 %d ms)",
                FloodScenario.FLOOD_CALLERS, seconds, maxmemory / MB, idleBytes / MB, FloodScenario.HEADROOM_MB,
                accepted, acceptRate, refused429, without == 0 ? "each with Retry-After" : without + " without",
                answered503, paymentDownMs / 1000.0, startFailures.isEmpty() ? ""
                        : " (" + startFailures.size() + " of its processes did not start again)",
                100.0 * peakBytes / Math.max(1, maxmemory), oomLines, oomSagaLines, oomSagas,
                oomAnswers, waitingAtReturn, drain, endP50Ms / 1000.0, endP99Ms / 1000.0, answerP99Ms);
    }

    /** What admission control must hold: nothing refused for memory, the excess refused at the edge, every saga ended. */
    List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (oomLines > 0) {
            violations.add(oomLines + " OOM refusals in the processes' logs, " + oomSagaLines + " of them of "
                    + oomSagas + " accepted sagas' messages: " + oomExamples);
        }
        if (oomAnswers > 0) {
            violations.add(oomAnswers + " answers named an OOM (Redis refused a start for memory)");
        }
        if (refused429 == 0) {
            violations.add("no order was refused with 429: the flood never reached the admission limit");
        }
        if (without > 0) {
            violations.add(without + " answers 429 without a Retry-After");
        }
        startFailures.forEach(failure -> violations.add("a payment process did not start again: " + failure));
        if (drainedMs < 0) {
            violations.add(notEnded());
        }
        return violations;
    }

    /** What the run without admission control shows, as findings. */
    List<String> shown() {
        List<String> shown = new ArrayList<>();
        shown.add("without admission control Redis refused " + oomSagaLines + " writes of " + oomSagas
                + " accepted sagas for memory (each left pending, to be delivered again) and "
                + (oomLines - oomSagaLines) + " of the nodes' own; " + answered503 + " orders answered 503: "
                + oomExamples);
        startFailures.forEach(failure -> shown.add("a payment process did not start again: " + failure));
        if (drainedMs < 0) {
            shown.add(notEnded());
        }
        return shown;
    }

    /** The run without admission control breaks only if it showed nothing. */
    List<String> unshown() {
        return oomSagaLines > 0 ? List.of() : List.of("the flood showed no failure without admission control: Redis"
                + " refused no write of an accepted saga");
    }

    /** The figures as numbers, for the JSON report. */
    Map<String, Object> numbers() {
        return Map.of("flood", this);
    }

    /** The first sample of each second: [seconds on the timeline, MB used]. */
    private static List<List<Number>> bySecond(List<FloodWatch.Sample> memory) {
        List<List<Number>> seconds = new ArrayList<>();
        long last = -1;
        for (FloodWatch.Sample sample : memory) {
            if (sample.atMs() / 1000 != last) {
                last = sample.atMs() / 1000;
                seconds.add(List.of(last, Math.round(sample.usedBytes() / MB * 10) / 10.0));
            }
        }
        return seconds;
    }

    private String notEnded() {
        return unended + " sagas accepted during the flood had not ended " + FloodScenario.DRAIN_BOUND.toSeconds()
                + " s after it, under the small maxmemory";
    }

    /** When an accepted order ended: its answer for a 201 or 409, else when the watch saw it end; -1 if not. */
    private static long end(Call call, FloodWatch watch) {
        return call.completed() ? call.endMs() : watch.endedAt(call.orderId());
    }

    private static boolean namesOom(Call call) {
        return call.error() != null && (call.error().contains("OOM") || call.error().contains("out of memory"));
    }

    private static int count(List<Call> calls, int status) {
        return (int) calls.stream().filter(c -> c.status() == status).count();
    }
}
