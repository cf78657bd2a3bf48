package dev.netx;

import java.util.concurrent.CompletableFuture;

/**
 * An orchestrated saga: a chain of steps built once with an {@link OrchestratorFactory}, run for
 * each request. Thread-safe.
 *
 * @param <Q> the request type
 * @param <R> the result type (the last step's output)
 */
public interface Orchestrator<Q, R> {

    /** The orchestrator's name, unique within its group. */
    String name();

    /** Runs a saga and completes with its result, waiting up to {@link SagaCall#defaults()}'s timeout. */
    default CompletableFuture<Result<R>> saga(Q request) {
        return saga(request, SagaCall.defaults());
    }

    /**
     * Runs a saga. The future completes with the result, or fails with {@link SagaTimeoutException}
     * when the call's timeout passes first (the saga goes on; see {@link #result(String)}), or with
     * {@link SagaEncodingException}, {@link PayloadTooLargeException} or {@link RedisRefusedException}
     * when the saga could not be started (then nothing was written), or with
     * {@link SagaOutcomeUnknownException} when Redis did not answer the start in time (it may run), or
     * with {@link SagaNotFoundException} when Redis lost the saga's state while the call waited (a
     * failover to a replica that never got it: its steps may have run).
     */
    CompletableFuture<Result<R>> saga(Q request, SagaCall call);

    /** {@link #saga(Object)}, blocking until the result or the timeout. */
    default Result<R> sagaSync(Q request) {
        return Futures.join(saga(request));
    }

    /** {@link #saga(Object, SagaCall)}, blocking until the result or the timeout. */
    default Result<R> sagaSync(Q request, SagaCall call) {
        return Futures.join(saga(request, call));
    }

    /**
     * The result of a finished saga of this orchestrator, from any node; fails with
     * {@link SagaNotFoundException} if unknown or expired, {@link SagaStateException} if still running.
     */
    CompletableFuture<Result<R>> result(String sagaId);
}
