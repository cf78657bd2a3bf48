package dev.netx.faults;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's run: its schedule as it happened, the checker's verdict, and its figure line.
 *
 * @param name        the scenario
 * @param kind        the kind of fault
 * @param seed        the seed that replays its schedule and its load
 * @param scale       SMOKE or FULL
 * @param startedAt   when it began (ISO-8601)
 * @param loadSeconds how long the load ran
 * @param faults      faults injected
 * @param events      the schedule as it ran: faults, heals, restarts
 * @param verdict     what the checker found (with the scenario's own violations and findings)
 * @param measured    the scenario's own measures in words, appended to the figure; empty for none
 * @param measures    the same as numbers
 */
record ScenarioResult(String name, String kind, long seed, Scale scale, String startedAt, double loadSeconds,
        int faults, List<String> events, Verdict verdict, String measured, Map<String, Object> measures) {

    /** The README's figure: "N sagas, F faults of kind X: 0 lost, 0 double compensations, 100% of callers answered within T". */
    String figure() {
        Callers callers = verdict.callers();
        String figure = String.format(Locale.ROOT,
                "%d sagas, %d faults of kind %s: %d lost, %d double compensations, %s%% of callers answered within %.1f s",
                verdict.sagas(), faults, kind, verdict.lost(), verdict.effects().doubleEffects(),
                percent(callers.answeredPercent()), Math.ceil(callers.maxMs() / 100.0) / 10);
        if (callers.cutOff() > 0 || callers.refused() > 0) {
            figure += String.format(Locale.ROOT, " (%d cut off with their own order process, %d refused a connection)",
                    callers.cutOff(), callers.refused());
        }
        if (!measured.isEmpty()) {
            figure += "; " + measured;
        }
        return figure;
    }

    /** Whether every invariant held. */
    boolean passed() {
        return verdict.holds();
    }

    private static String percent(double value) {
        return value >= 100 ? "100" : String.format(Locale.ROOT, "%.2f", Math.floor(value * 100) / 100);
    }
}
