package dev.netx.faults;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * One kind of fault, injected on a seeded schedule while the load runs. The schedule is drawn
 * entirely from the random it is given, so a seed replays the same faults at the same times.
 */
interface Scenario {

    /** The scenario's name on the command line and in the report, e.g. {@code kill-app}. */
    String name();

    /** The kind of fault, as the figure names it, e.g. {@code kill -9 of an app process}. */
    String kind();

    /** Whether the scenario measures a loss that is allowed (a Redis that may lose its last second). */
    default boolean measuresLoss() {
        return false;
    }

    /**
     * Whether the scenario runs the shop without one of its protections, to show what goes wrong
     * without it: the checker's violations are reported as its findings, and only the scenario's own
     * check (that the failure did show) can break it. Default false.
     */
    default boolean showsFailure() {
        return false;
    }

    /** The shop's Redis the scenario runs on; default one standalone redis-server. */
    default ShopRedis.Topology topology() {
        return ShopRedis.Topology.STANDALONE;
    }

    /**
     * Whether the scenario deploys the shop itself. Such a scenario runs alone on a shop of its own:
     * a new Redis of its topology with no Netx key in it, every role's database new and empty on a
     * PostgreSQL server of the suite's own, and no process started; its schedule starts them, and
     * the checker judges its side effects against the seed data. Default false: the scenario runs on
     * the topology's shop, every process up.
     */
    default boolean deploysShop() {
        return false;
    }

    /** The schedule: how long the load runs at least, and the faults at their times. */
    Plan plan(Random random, Scale scale, Fleet fleet);

    /** Sets Redis or the shop up before the load starts. */
    default void prepare(FaultContext context) {
    }

    /** Undoes {@link #prepare} once the faults are over. */
    default void restore(FaultContext context) {
    }

    /**
     * Checks what only this scenario can, once the checker has settled the shop and judged it.
     *
     * @param context the scenario's faults and events
     * @param calls   every call of the load
     * @param before  the databases before the scenario
     * @param after   the databases now
     */
    default ScenarioCheck check(FaultContext context, List<Call> calls, Ledger before, Ledger after) {
        return ScenarioCheck.NONE;
    }

    /**
     * A schedule.
     *
     * @param duration how long the load runs at least (it also runs until the last fault is done)
     * @param faults   the faults, by time
     */
    record Plan(Duration duration, List<PlannedFault> faults) {
    }

    /**
     * One step of a schedule.
     *
     * @param at          when it runs, from the start of the load
     * @param description what it does, for the report
     * @param action      the step
     */
    record PlannedFault(Duration at, String description, Action action) {
    }

    /** A step of a schedule; steps run one at a time, in order. */
    @FunctionalInterface
    interface Action {
        /** Does the step; blocks until it is done. */
        void run(FaultContext context) throws Exception;
    }
}
