package dev.netx.benchmarks;

import dev.netx.AdmissionOptions;
import dev.netx.SagaCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one measurement point on an emptied Redis: starts the workload's nodes in a fresh namespace,
 * loads them through the warmup, samples, measures second by second, samples again, then lets the
 * running sagas end and closes the nodes. Blocking; one point at a time.
 */
public final class Runner {

    private static final Logger log = LoggerFactory.getLogger(Runner.class);
    /** How long a caller waits for a saga's outcome; far beyond any latency worth reporting. */
    private static final SagaCall CALL = SagaCall.defaults().withTimeout(Duration.ofSeconds(30));
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final RequestCounter requests = new RequestCounter();
    private final ScheduledExecutorService scheduler;
    private final Duration retention;
    private final boolean admission;
    private final boolean history;

    /**
     * A runner whose closed loops pause on the given scheduler after errors, its nodes keeping
     * finished sagas for {@code retention}, with Netx's admission control or without it, keeping
     * history or not.
     */
    public Runner(ScheduledExecutorService scheduler, Duration retention, boolean admission, boolean history) {
        this.scheduler = scheduler;
        this.retention = retention;
        this.admission = admission;
        this.history = history;
    }

    /**
     * Runs the point and returns its figures (without their share of the ceiling).
     *
     * @param target the running Redis of the spec's topology
     */
    public RunResult run(RunSpec spec, RedisTarget target) throws InterruptedException {
        log.info("run {} {} {} node(s)/group {} shard(s) {}: warmup {} s, measure {} s", spec.workload().letter(),
                spec.topology().label(), spec.nodes(), spec.shards(), spec.load(), spec.warmup().toMillis() / 1000.0,
                spec.duration().toMillis() / 1000.0);
        target.stats().flushAll();
        // each point starts from a collected heap: the garbage of the one before is not collected in its window
        System.gc();
        String namespace = "bench" + RUNS.incrementAndGet();
        try (NodeGroup nodes = new NodeGroup(target, requests, namespace, spec.shards(),
                options -> options.retention(retention).admission(admission ? AdmissionOptions.defaults()
                        : new AdmissionOptions(1.0, 0, AdmissionOptions.DEFAULT_SAMPLE_INTERVAL)).history(history))) {
            Workload workload = spec.workload().setUp(nodes, spec.nodes(), CALL);
            LoadGenerator load = spec.isOpenLoop() ? new OpenLoop(workload, spec.rate())
                    : new ClosedLoop(workload, spec.concurrency(), scheduler);
            load.start();
            RunResult result;
            try {
                Thread.sleep(spec.warmup().toMillis());
                load.tally().interval();
                Sample before = Sample.take(load.tally(), target.stats(), requests);
                List<Long> perSecond = measure(load.tally(), before, spec.duration());
                Sample after = Sample.take(load.tally(), target.stats(), requests);
                Histogram latencies = load.tally().interval();
                result = RunResult.of(spec, before, after, latencies, perSecond);
            } finally {
                load.stop();
            }
            if (!load.drain(DRAIN)) {
                log.warn("{} sagas still running after {} s; closing the nodes anyway", load.tally().outstanding(),
                        DRAIN.toSeconds());
            }
            if (load.tally().firstError() != null) {
                log.warn("first error of the run: {}", load.tally().firstError().toString());
            }
            log.info("-> {} sagas/s, p50 {} ms, p99 {} ms, {} errors", result.sagasPerSecond(), result.p50Ms(),
                    result.p99Ms(), result.errors());
            return result;
        }
    }

    /** Sleeps through the window one second at a time; the sagas that ended in each whole second. */
    private static List<Long> measure(Tally tally, Sample before, Duration duration) throws InterruptedException {
        long end = before.nanos() + duration.toNanos();
        long previous = before.completed();
        long next = before.nanos() + 1_000_000_000L;
        List<Long> perSecond = new ArrayList<>();
        while (next <= end) {
            sleepUntil(next);
            long now = tally.completed();
            perSecond.add(now - previous);
            previous = now;
            next += 1_000_000_000L;
        }
        sleepUntil(end);
        return perSecond;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
