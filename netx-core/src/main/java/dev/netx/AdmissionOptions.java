package dev.netx;

import java.time.Duration;
import java.util.Objects;

/**
 * When a node refuses to start new sagas, so that a backlog never fills Redis: Redis keeps
 * everything in memory, and once it is full it refuses every write, the steps and compensations of
 * sagas already accepted too. Measured from Redis and sampled every {@code sampleInterval}, never
 * queried per saga; a refused start fails with {@link SagaRejectedException} before anything is
 * written. Steps, replies and compensations of accepted sagas are never refused by it: the memory
 * above {@code maxMemory} is their reserve, and it must be large: a saga's state grows as it runs
 * (each step's input kept for its compensation, its result, its timeline) and stays for the
 * retention once finished, so draining a backlog takes more memory than the backlog itself (about
 * 1.8 times, in the fault suite's {@code flood}, where 90% was not enough and 50% held).
 *
 * @param maxMemory      the share of Redis's {@code maxmemory} in use above which starts are refused;
 *                       1.0 turns the check off; without a {@code maxmemory} there is nothing to check;
 *                       default {@value #DEFAULT_MAX_MEMORY}
 * @param maxBacklog     the most messages waiting on one group an orchestrator calls (pending or not
 *                       yet delivered, see {@link GroupBacklog}) before its starts are refused; 0 (the
 *                       default) turns the check off
 * @param sampleInterval how often Redis's memory is sampled; default 1 s (group backlogs are sampled
 *                       every {@link NetxOptions#trimInterval()})
 */
public record AdmissionOptions(double maxMemory, long maxBacklog, Duration sampleInterval) {

    /** Default {@link #maxMemory()}. */
    public static final double DEFAULT_MAX_MEMORY = 0.5;
    /** Default {@link #sampleInterval()}. */
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private static final AdmissionOptions DEFAULTS = new AdmissionOptions(DEFAULT_MAX_MEMORY, 0,
            DEFAULT_SAMPLE_INTERVAL);

    /** Validates; the message names the property. */
    public AdmissionOptions {
        if (!(maxMemory > 0 && maxMemory <= 1)) {
            throw new IllegalArgumentException("netx.admission.max-memory=" + maxMemory
                    + " is invalid: must be above 0 and at most 1 (1 turns the check off)");
        }
        if (maxBacklog < 0) {
            throw new IllegalArgumentException("netx.admission.max-backlog=" + maxBacklog
                    + " is invalid: must be 0 (off) or more");
        }
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        if (sampleInterval.isNegative() || sampleInterval.isZero()) {
            throw new IllegalArgumentException("netx.admission.sample-interval=" + sampleInterval
                    + " is invalid: must be a positive duration");
        }
    }

    /** The defaults: starts refused above 50% of maxmemory, no backlog limit. */
    public static AdmissionOptions defaults() {
        return DEFAULTS;
    }
}
