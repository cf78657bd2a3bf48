package dev.netx;

import java.time.Duration;

/**
 * Builds an orchestrator step by step: {@code start} the first step, {@code join} the next ones,
 * {@code commit} the last. Each step takes the previous step's output (the first, the request).
 * Not thread-safe.
 *
 * @param <Q> the request type
 * @param <C> the output type of the chain so far
 */
public interface OrchestratorBuilder<Q, C> {

    /**
     * The first step.
     *
     * @throws IllegalStateException if a step was already added
     */
    <O> OrchestratorBuilder<Q, O> start(Step<? super C, O> step);

    /** A middle step. */
    <O> OrchestratorBuilder<Q, O> join(Step<? super C, O> step);

    /**
     * The whole saga's deadline: a saga still running after it is rolled back with
     * {@link SagaDeadlineException}, also when the participant group it waits on is down (its call is
     * then taken back unrun, or compensated if a node that went silent held it). Default none.
     */
    OrchestratorBuilder<Q, C> deadline(Duration deadline);

    /**
     * The last step; registers and returns the orchestrator.
     *
     * @throws IllegalStateException if the group already has an orchestrator of this name
     */
    <O> Orchestrator<Q, O> commit(Step<? super C, O> step);
}
