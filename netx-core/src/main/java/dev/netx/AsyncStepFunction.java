package dev.netx;

import java.util.concurrent.CompletionStage;

/**
 * A non-blocking saga step: returns at once and completes the stage with its output.
 *
 * @param <I> what it takes
 * @param <O> what it returns
 */
@FunctionalInterface
public interface AsyncStepFunction<I, O> {

    /** Runs the step; a stage completed exceptionally fails it. */
    CompletionStage<O> apply(I input, SagaContext context);
}
