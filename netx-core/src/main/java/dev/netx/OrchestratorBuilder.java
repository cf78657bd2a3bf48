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
     * The version of this chain; default 1. Every saga is pinned to the version and the fingerprint
     * of the chain it started with (its steps' names, order, groups and handlers): a node runs a
     * saga's steps and compensations only with that same chain, and leaves the saga's messages to
     * nodes that have it. When a deploy changes the chain, give it a new version and keep declaring
     * the old one (an orchestrator of the same name per version; each starts sagas of its own
     * version, so start new ones with the newest) until no saga of it runs. What a local step's
     * function does is not in the fingerprint: a change of it that running sagas must not see needs
     * a new version too.
     *
     * @throws IllegalArgumentException if {@code version} is below 1
     */
    OrchestratorBuilder<Q, C> version(int version);

    /**
     * The last step; registers and returns the orchestrator.
     *
     * @throws IllegalStateException if the group already has an orchestrator of this name
     */
    <O> Orchestrator<Q, O> commit(Step<? super C, O> step);
}
