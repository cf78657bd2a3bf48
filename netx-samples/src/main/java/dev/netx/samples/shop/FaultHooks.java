package dev.netx.samples.shop;

import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's fault-injection hooks ({@code shop.faults.*}), off by default: the fault suite sets
 * them to crash a process exactly between a database commit and its acknowledgement, or between the
 * end of a saga and the answer to its caller. A hook that fires logs {@code FAULT-INJECTION} with
 * what it interrupted, then halts the JVM. Thread-safe.
 */
public final class FaultHooks {

    private static final Logger log = LoggerFactory.getLogger(FaultHooks.class);
    /** The exit status of a halted process: that of a process killed by SIGKILL. */
    private static final int HALTED = 137;

    private final ShopProperties.Faults faults;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();

    public FaultHooks(ShopProperties.Faults faults) {
        this.faults = faults;
    }

    /** Hooks that never fire. */
    public static FaultHooks none() {
        return new FaultHooks(new ShopProperties.Faults(0, 0, null));
    }

    /** Called right after a committed database change made under {@code idempotencyKey}. */
    public void afterCommit(String idempotencyKey) {
        if (due(faults.haltAfterCommitEvery(), commits)) {
            halt("after the commit of " + idempotencyKey + ", before its acknowledgement");
        }
    }

    /**
     * Called before a refund: fails it while {@code shop.faults.refunds-down-while} names a file that exists.
     *
     * @throws IllegalStateException the payment provider is down
     */
    public void beforeRefund() {
        if (faults.refundsDownWhile() != null && Files.exists(faults.refundsDownWhile())) {
            throw new IllegalStateException("payment provider unavailable (" + faults.refundsDownWhile() + " exists)");
        }
    }

    /** Called once the saga has ended, right before its caller is answered. */
    public void beforeAnswer(String sagaId) {
        if (due(faults.haltBeforeAnswerEvery(), answers)) {
            halt("after saga " + sagaId + " ended, before its caller was answered");
        }
    }

    private static boolean due(int every, AtomicLong count) {
        return every > 0 && count.incrementAndGet() % every == 0;
    }

    private static void halt(String moment) {
        log.error("FAULT-INJECTION: halting {}", moment);
        Runtime.getRuntime().halt(HALTED);
    }
}
