package dev.netx.internal.engine;

import dev.netx.StepPolicy;
import dev.netx.spi.HandlerCall;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a step, compensation or participant handler on the handler executor under its policy: each
 * attempt bounded by the policy's timeout, failed attempts tried again after a growing pause, each
 * in the context of its handler call (saga id in the MDC, the message's trace context restored). A
 * blocking function that times out keeps its thread until it returns: its result is ignored. A run
 * asked for on a handler thread, by the continuation of a step that just finished there (the next
 * step of a chain of local steps), runs on that thread at once rather than through the executor.
 */
final class StepRunner {

    /** Whether this thread is running a handler task of this runner, where a next step may run inline. */
    private static final ThreadLocal<Boolean> ON_HANDLER_THREAD = new ThreadLocal<>();

    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final HandlerContexts contexts;

    StepRunner(Executor executor, ScheduledExecutorService scheduler, HandlerContexts contexts) {
        this.executor = executor;
        this.scheduler = scheduler;
        this.contexts = contexts;
    }

    /**
     * Runs {@code attempt} until it succeeds or the policy gives up.
     *
     * @param call         the handler call, for its context
     * @param headers      the message's encoded trace context, {@code null} for none
     * @param minAttempts  tries at least this often, whatever the failure (compensations); 1 for steps
     * @param onTimeout    the exception for an attempt that timed out
     */
    <T> CompletableFuture<T> run(HandlerCall call, String headers, Supplier<CompletionStage<T>> attempt,
            StepPolicy policy, int minAttempts, Function<Duration, RuntimeException> onTimeout) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(new Attempts<>(call, headers, attempt, policy, minAttempts, onTimeout), 1, result);
        return result;
    }

    /** What every attempt of one run shares. */
    private record Attempts<T>(HandlerCall call, String headers, Supplier<CompletionStage<T>> attempt,
            StepPolicy policy, int minAttempts, Function<Duration, RuntimeException> onTimeout) {
    }

    /** Runs {@code action} on the scheduler after {@code delay}. */
    void later(Duration delay, Runnable action) {
        scheduler.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> void attempt(Attempts<T> run, int number, CompletableFuture<T> result) {
        StepPolicy policy = run.policy();
        Runnable task = () -> {
            CompletableFuture<T> stage;
            HandlerContexts.Handling handling = contexts.enter(run.call(), run.headers());
            try {
                stage = run.attempt().get().toCompletableFuture();
            } catch (Throwable t) {
                stage = CompletableFuture.failedFuture(t);
            } finally {
                handling.close();
            }
            if (policy.timeout() != null) {
                stage = Timeouts.within(stage, policy.timeout().toMillis());
            }
            stage.whenComplete((value, failure) -> {
                Throwable cause = failure == null ? null : ChoreographyHandler.unwrap(failure);
                if (cause instanceof TimeoutException && policy.timeout() != null) {
                    cause = run.onTimeout().apply(policy.timeout());
                }
                Throwable finalCause = cause;
                handling.finished(cause, () -> settle(run, number, value, finalCause, result));
            });
        };
        if (ON_HANDLER_THREAD.get() != null) {
            task.run();
            return;
        }
        try {
            executor.execute(() -> {
                ON_HANDLER_THREAD.set(Boolean.TRUE);
                try {
                    task.run();
                } finally {
                    ON_HANDLER_THREAD.remove();
                }
            });
        } catch (RuntimeException rejected) {
            result.completeExceptionally(rejected);
        }
    }

    private <T> void settle(Attempts<T> run, int number, T value, Throwable failure, CompletableFuture<T> result) {
        if (failure == null) {
            result.complete(value);
        } else if (run.policy().retries(failure, number) || number < run.minAttempts()) {
            long pause = run.policy().backoffBefore(number + 1).toMillis();
            scheduler.schedule(() -> attempt(run, number + 1, result), pause, TimeUnit.MILLISECONDS);
        } else {
            result.completeExceptionally(failure);
        }
    }
}
