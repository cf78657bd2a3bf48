package dev.netx;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A non-blocking compensation: undoes a step given the input the step had.
 *
 * @param <I> the step's input
 */
@FunctionalInterface
public interface AsyncCompensation<I> {

    /** Undoes the step; a stage completed exceptionally is retried. */
    CompletionStage<Void> compensate(I input, SagaContext context);

    /** A blocking compensation in non-blocking form. */
    static <I> AsyncCompensation<I> of(Compensation<I> compensation) {
        Objects.requireNonNull(compensation, "compensation");
        return (input, context) -> {
            try {
                compensation.compensate(input, context);
                return CompletableFuture.completedFuture(null);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }
}
