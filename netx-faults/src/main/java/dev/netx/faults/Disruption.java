package dev.netx.faults;

/**
 * A span during which a fault took a process or Redis away.
 *
 * @param target the slot of the process ({@code payment-2}) or {@code redis}
 * @param fromMs when it began, on the scenario's timeline
 * @param toMs   when it was healed
 */
record Disruption(String target, long fromMs, long toMs) {

    /** Whether it overlaps a call to that target. */
    boolean cuts(Call call) {
        return target.equals(call.target()) && fromMs <= call.endMs() && toMs >= call.startMs();
    }
}
