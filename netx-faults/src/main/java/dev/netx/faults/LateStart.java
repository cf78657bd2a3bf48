package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the first start of a participant group met, when orchestrated sagas had waited on it: in
 * deploy-order, the group that starts last.
 *
 * @param group         the group
 * @param waitedMs      from the first call sent to it (its oldest inbox entry) until its start began
 * @param calls         entries in its inboxes then
 * @param groupsBefore  consumer groups of its name on the shop's streams then (none, for a first start)
 * @param namedInHealth whether an order process's health named it in {@code waitingOn} meanwhile
 * @param pending       orders PENDING then
 * @param upAfterMs     from its start until its first process reported UP
 * @param endedAfterMs  from its start until every one of those orders had ended, or -1
 */
record LateStart(String group, long waitedMs, long calls, long groupsBefore, boolean namedInHealth, int pending,
        long upAfterMs, long endedAfterMs) {

    /** What breaks the scenario's rules: not a first start, nothing waiting, not shown, not ended within {@code bound} of UP. */
    List<String> violations(Duration bound) {
        List<String> violations = new ArrayList<>();
        if (groupsBefore > 0) {
            violations.add(groupsBefore + " consumer groups of " + group + " existed before its first start: not a"
                    + " first start");
        }
        if (calls == 0) {
            violations.add("no call waited in the inboxes of " + group + " when it started");
        }
        if (!namedInHealth) {
            violations.add("no order process's health named " + group + " in waitingOn before it started");
        }
        if (endedAfterMs < 0 || endedAfterMs > upAfterMs + bound.toMillis()) {
            violations.add("the " + pending + " orders pending at the first start of " + group + " had not all ended "
                    + bound.toSeconds() + " s after it was up");
        }
        return violations;
    }

    /** Its measures in words, after the name of the group. */
    String figure() {
        String ended = endedAfterMs < 0 ? "had not all ended" : String.format(Locale.ROOT, "had ended %.1f s after its"
                + " start", endedAfterMs / 1000.0);
        return String.format(Locale.ROOT, "%.0f s after the first call sent to it (%d calls in its inboxes, %d"
                + " consumer groups of it before; named in the order processes' waitingOn meanwhile: %s); the %d"
                + " orders pending then %s (its first process UP after %.1f s)", waitedMs / 1000.0, calls, groupsBefore,
                namedInHealth ? "yes" : "no", pending, ended, upAfterMs / 1000.0);
    }
}
