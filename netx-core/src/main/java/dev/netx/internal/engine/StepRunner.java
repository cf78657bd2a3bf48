package dev.netx.internal.engine;

import dev.netx.StepPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Runs a step, compensation or participant handler on the handler executor under its policy: each
 * attempt bounded by the policy's timeout, failed attempts tried again after a growing pause. A
 * blocking function that times out keeps its thread until it returns: its result is ignored.
 */
final class StepRunner {

    private final Executor executor;
    private final ScheduledExecutorService scheduler;

    StepRunner(Executor executor, ScheduledExecutorService scheduler) {
        this.executor = executor;
        this.scheduler = scheduler;
    }

    /**
     * Runs {@code attempt} until it succeeds or the policy gives up.
     *
     * @param minAttempts  tries at least this often, whatever the failure (compensations); 1 for steps
     * @param onTimeout    the exception for an attempt that timed out
     */
    <T> CompletableFuture<T> run(String sagaId, Supplier<CompletionStage<T>> attempt, StepPolicy policy,
            int minAttempts, Function<Duration, RuntimeException> onTimeout) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(sagaId, attempt, policy, minAttempts, onTimeout, 1, result);
        return result;
    }

    /** Runs {@code action} on the scheduler after {@code delay}. */
    void later(Duration delay, Runnable action) {
        scheduler.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> void attempt(String sagaId, Supplier<CompletionStage<T>> attempt, StepPolicy policy, int minAttempts,
            Function<Duration, RuntimeException> onTimeout, int number, CompletableFuture<T> result) {
        try {
            executor.execute(() -> {
                CompletableFuture<T> stage;
                MDC.put("sagaId", sagaId);
                try {
                    stage = attempt.get().toCompletableFuture();
                } catch (Throwable t) {
                    stage = CompletableFuture.failedFuture(t);
                } finally {
                    MDC.remove("sagaId");
                }
                if (policy.timeout() != null) {
                    stage = stage.orTimeout(policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
                }
                stage.whenComplete((value, failure) -> {
                    if (failure == null) {
                        result.complete(value);
                        return;
                    }
                    Throwable cause = ChoreographyHandler.unwrap(failure);
                    if (cause instanceof TimeoutException && policy.timeout() != null) {
                        cause = onTimeout.apply(policy.timeout());
                    }
                    if (policy.retries(cause, number) || number < minAttempts) {
                        long pause = policy.backoffBefore(number + 1).toMillis();
                        scheduler.schedule(() -> attempt(sagaId, attempt, policy, minAttempts, onTimeout, number + 1,
                                result), pause, TimeUnit.MILLISECONDS);
                    } else {
                        result.completeExceptionally(cause);
                    }
                });
            });
        } catch (RuntimeException rejected) {
            result.completeExceptionally(rejected);
        }
    }
}
