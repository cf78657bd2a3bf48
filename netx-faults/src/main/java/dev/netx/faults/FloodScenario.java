package dev.netx.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Issue 18: a backlog never takes Redis down. Redis runs with a small {@code maxmemory}
 * ({@code noeviction}; the idle shop's use plus {@value #HEADROOM_MB} MB); on top of the usual
 * callers, a flood of {@value #FLOOD_CALLERS} callers places orders faster than the participants take
 * them (the order processes answer 202 after {@value #ORDER_TIMEOUT_MS} ms, so a caller does not wait
 * for its saga; a caller answered 429 waits its Retry-After); both payment processes are stopped
 * gracefully and started again 10-20 s later (under the flood their JVMs take a while to come up);
 * the flood goes on a while after, then stops, and every saga accepted meanwhile must end, still
 * under the small maxmemory. With admission control (the shop's default) new
 * orders are refused at the edge with 429 and {@code Retry-After} while Redis is nearly full. Own
 * checks: no OOM in any process's log nor in any answer, the flood did reach the limit (429s), every
 * 429 with a Retry-After, every accepted saga ended within {@link #DRAIN_BOUND} of the flood's end.
 * Without it ({@code flood-no-admission}: the order processes run with
 * {@code netx.admission.max-memory=1}) it shows what that prevents: its checker's violations are
 * findings, and it breaks only if Redis refused no accepted saga's write.
 */
final class FloodScenario implements Scenario {

    /** The flood's callers, beside the suite's usual ones. */
    static final int FLOOD_CALLERS = 32;
    /** The order processes' {@code shop.order-timeout} here, so that a flood caller does not wait for its saga. */
    static final long ORDER_TIMEOUT_MS = 100;
    /** Redis's maxmemory is the idle shop's used memory plus this. */
    static final long HEADROOM_MB = 16;
    /** How long after the flood's end every saga accepted during it must have ended, under the small maxmemory. */
    static final Duration DRAIN_BOUND = Duration.ofSeconds(60);
    private static final Duration FLOOD_AT = Duration.ofSeconds(2);
    /** How long the shop may take to expire the state of an earlier scenario's sagas, before the idle memory is read. */
    private static final Duration IDLE_BOUND = Duration.ofSeconds(60);

    private final boolean admission;
    private volatile Flood flood;

    /** @param admission whether the order processes run with admission control (the default) */
    FloodScenario(boolean admission) {
        this.admission = admission;
    }

    @Override
    public String name() {
        return admission ? "flood" : "flood-no-admission";
    }

    @Override
    public String kind() {
        return "flood of orders with payment stopped, Redis at a small maxmemory"
                + (admission ? "" : ", without admission control (netx.admission.max-memory=1)");
    }

    @Override
    public boolean showsFailure() {
        return !admission;
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        Duration stopAt = FLOOD_AT.plusSeconds(scale.pick(4, 6) + random.nextInt(5));
        Duration down = Duration.ofSeconds(scale.pick(5, 10) + random.nextInt((int) scale.pick(6, 11)));
        Duration after = Duration.ofSeconds(scale.pick(8, 15));
        flood = new Flood(down, after);
        return new Plan(Duration.ofSeconds(10), List.of(
                new PlannedFault(FLOOD_AT, "a flood of " + FLOOD_CALLERS + " callers", this::startFlood),
                new PlannedFault(stopAt, "both payment processes stopped, started again " + down.toSeconds()
                        + " s later", this::stopPayment),
                new PlannedFault(stopAt.plusMillis(1), "the flood goes on " + after.toSeconds() + " s, then stops;"
                        + " every accepted saga ends", this::endFlood)));
    }

    @Override
    public void prepare(FaultContext context) {
        Flood run = flood;
        for (AppProcess process : context.fleet().processes()) {
            run.logSizes.put(process.log(), ProcessLogs.size(process.log()));
        }
        List<String> arguments = new ArrayList<>(List.of("--shop.order-timeout=" + ORDER_TIMEOUT_MS + "ms"));
        if (!admission) {
            arguments.add("--netx.admission.max-memory=1");
        }
        Fleet.restart(context.fleet().of("order"), arguments);
        // the idle shop: no saga state of an earlier scenario left
        Waits.until(IDLE_BOUND, () -> context.redis().state().sagaKeys() == 0);
        run.idleBytes = context.redis().usedMemory();
        run.maxmemory = run.idleBytes + HEADROOM_MB * 1024 * 1024;
        context.redis().call(redis -> {
            redis.configSet("maxmemory-policy", "noeviction");
            return redis.configSet("maxmemory", Long.toString(run.maxmemory));
        });
        context.note("maxmemory " + run.maxmemory + " bytes (noeviction), the idle shop using " + run.idleBytes);
    }

    private void startFlood(FaultContext context) {
        flood.watch = FloodWatch.start(context);
        flood.startedAt = context.now();
        context.load().flood(FLOOD_CALLERS);
        context.fault("a flood of " + FLOOD_CALLERS + " callers");
    }

    private void stopPayment(FaultContext context) {
        List<AppProcess> payment = context.fleet().of("payment");
        long from = context.now();
        Fleet.inParallel(payment, AppProcess::stop);
        context.fault("both payment processes stopped");
        flood.paymentStoppedAt = from;
        Waits.pause(flood.down);
        Fleet.inParallel(payment, process -> {
            try {
                process.start();
            } catch (RuntimeException e) {
                // the suite starts it again once the flood is over; what stopped it is the finding
                flood.startFailures.add(e.getMessage());
                context.note(process.slot() + " did not start: " + e.getMessage());
            }
        });
        flood.paymentUpAt = context.now();
        context.healed("payment", from);
    }

    private void endFlood(FaultContext context) {
        Flood run = flood;
        Waits.pause(run.after);
        context.load().calm();
        run.calmAt = context.now();
        context.note("the flood stopped");
        List<String> accepted = context.load().calls().stream().filter(Call::accepted).map(Call::orderId).toList();
        run.drainedAt = Waits.until(DRAIN_BOUND, () -> run.watch.ended(accepted)).map(waited -> context.now())
                .orElse(-1L);
        run.watch.close();
        context.note(run.drainedAt < 0 ? "sagas accepted during the flood still running " + DRAIN_BOUND + " after it"
                : "every saga accepted during the flood ended, " + (run.drainedAt - run.paymentUpAt)
                        + " ms after payment was back");
    }

    @Override
    public void restore(FaultContext context) {
        context.load().calm();
        if (flood.watch != null) {
            flood.watch.close();
        }
        context.redis().call(redis -> redis.configSet("maxmemory", "0"));
        Fleet.restart(context.fleet().of("order"), List.of());
    }

    @Override
    public ScenarioCheck check(FaultContext context, List<Call> calls, Ledger before, Ledger after) {
        FloodFigures figures = FloodFigures.of(flood, calls, OomRefusals.since(flood.logSizes));
        return new ScenarioCheck(figures.figure(), figures.numbers(),
                admission ? figures.violations() : figures.unshown(), admission ? List.of() : figures.shown());
    }

    /** What one run of the flood did, on the scenario's timeline; written by its steps, read by its check. */
    static final class Flood {
        final Duration down;
        final Duration after;
        final Map<Path, Long> logSizes = new HashMap<>();
        final List<String> startFailures = new CopyOnWriteArrayList<>();
        volatile FloodWatch watch;
        volatile long idleBytes;
        volatile long maxmemory;
        volatile long startedAt = -1;
        volatile long paymentStoppedAt = -1;
        volatile long paymentUpAt = -1;
        volatile long calmAt = -1;
        volatile long drainedAt = -1;

        Flood(Duration down, Duration after) {
            this.down = down;
            this.after = after;
        }
    }
}
