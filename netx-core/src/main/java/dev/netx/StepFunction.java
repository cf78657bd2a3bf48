package dev.netx;

/**
 * A blocking saga step: turns the previous step's output (or the saga's request) into its own.
 *
 * @param <I> what it takes
 * @param <O> what it returns
 */
@FunctionalInterface
public interface StepFunction<I, O> {

    /**
     * Runs the step.
     *
     * @throws Exception to fail the step: the saga compensates the steps before it, unless the
     *     step's policy retries it
     */
    O apply(I input, SagaContext context) throws Exception;
}
