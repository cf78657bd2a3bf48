package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Issue 17: callers that retry. A share of the orders go to callers that send them with an
 * {@code Idempotency-Key} and send them again after a 202, a timeout or a cut connection (a quarter
 * also twice at once, to both order processes; a tenth reuse the key with another body once
 * answered). Retries happen for real: the order processes answer 202 after {@value #ORDER_TIMEOUT_MS}
 * ms, and one of them, drawn, is killed (kill -9) every 15-25 s and restarted under its name or a
 * new one. Own checks ({@link KeyedRetries}): one order and one saga per key, every try answered
 * with it, at most one debit per order, 422 for another body.
 */
final class ClientRetriesScenario implements Scenario {

    /** Share of the orders sent by retrying callers. */
    private static final double RETRY_SHARE = 0.2;
    /** The order processes' {@code shop.order-timeout} here, so that 202s happen. */
    private static final long ORDER_TIMEOUT_MS = 150;

    @Override
    public String name() {
        return "client-retries";
    }

    @Override
    public String kind() {
        return "kill -9 of an order process, with callers retrying by Idempotency-Key";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        Duration duration = Duration.ofSeconds(scale.pick(45, 90));
        List<PlannedFault> faults = new ArrayList<>();
        for (Duration at : Schedules.every(random, Duration.ofSeconds(8), duration.minusSeconds(15),
                Duration.ofSeconds(15), Duration.ofSeconds(25))) {
            AppProcess target = Schedules.pick(random, fleet.of("order"));
            faults.add(KillAppScenario.killAndRestart(at, target, random.nextBoolean()));
        }
        return new Plan(duration, faults);
    }

    @Override
    public void prepare(FaultContext context) {
        Fleet.restart(context.fleet().of("order"), List.of("--shop.order-timeout=" + ORDER_TIMEOUT_MS + "ms"));
        context.load().retryShare(RETRY_SHARE);
    }

    @Override
    public void restore(FaultContext context) {
        context.load().retryShare(0);
        Fleet.restart(context.fleet().of("order"), List.of());
    }

    @Override
    public ScenarioCheck check(FaultContext context, List<Call> calls, Ledger before, Ledger after) {
        KeyedRetries retries = KeyedRetries.check(calls, before, after);
        long answered202 = calls.stream().filter(c -> c.status() == 202).count();
        String figure = String.format(Locale.ROOT, "%d orders of retrying callers (%.0f%%): %d tries, %d of them"
                + " retries %s; %d order rows for %d keys, %d debited once each, %s; %d reuses of a key with another"
                + " body, %d answered 422, %d 202; %d answers 202 in all, %d of a key's tries named a saga not the"
                + " key's", retries.keys(), RETRY_SHARE * 100, retries.tries(), retries.retried(), retries.retries(),
                retries.rows(), retries.keys(), retries.ordersDebited(), retries.problems().isEmpty()
                        ? "every try answered with its key's order, every final answer with its saga"
                        : retries.problems().size() + " broken", retries.conflicts(),
                retries.conflictsIn422(), retries.conflictsIn202(), answered202,
                retries.otherSagaIn202());
        List<String> findings = new ArrayList<>();
        if (retries.otherSagaIn202() > 0 || retries.conflictsIn202() > 0) {
            findings.add(retries.otherSagaIn202() + " answers 202 to a keyed try named a saga id that is not its"
                    + " key's, and " + retries.conflictsIn202() + " reuses of a key with another body were answered"
                    + " 202, not 422: the start's reply came after the " + ORDER_TIMEOUT_MS + " ms order timeout");
        }
        return new ScenarioCheck(figure, Map.of("retries", retries, "answered202", answered202),
                retries.problems(), findings);
    }
}
