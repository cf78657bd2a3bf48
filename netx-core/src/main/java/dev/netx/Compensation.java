package dev.netx;

/**
 * Undoes a step, given the input the step had. Runs exactly once per saga (its idempotency key is
 * in the context); a compensation that throws is retried with backoff, then dead-lettered.
 *
 * @param <I> the step's input
 */
@FunctionalInterface
public interface Compensation<I> {

    /** Undoes the step. */
    void compensate(I input, SagaContext context) throws Exception;
}
