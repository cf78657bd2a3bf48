package dev.netx;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes choreography saga events. Every method has a non-blocking form returning a
 * {@link CompletableFuture} and a blocking {@code ...Sync} form. A returned future completes when
 * Redis has durably accepted the event (as durable as the Redis configuration makes it); it fails
 * with {@link SagaNotFoundException}, {@link SagaStateException}, {@link SagaEncodingException} or
 * {@link PayloadTooLargeException} before anything is written, with {@link RedisRefusedException} when
 * Redis refused the write, or with {@link SagaOutcomeUnknownException} when Redis did not answer it
 * in time (it may have been written). Events may be {@code null}.
 */
public interface SagaManager {

    /** Starts a saga; completes with its new id. */
    CompletableFuture<String> start(Object event);

    /**
     * Starts a saga once per key (see {@link SagaKeys}): completes with the new saga's id, or with the
     * id of the saga that already holds the key when it was started with the same event (running, or
     * finished within its retention); nothing is published then. Two nodes starting one key at the
     * same instant start one saga.
     *
     * <p>Fails with {@link SagaKeyConflictException} when the key's saga was started with another
     * event (type or payload), and with {@link IllegalArgumentException} for an invalid key.
     */
    CompletableFuture<String> start(String key, Object event);

    /**
     * The id of the saga that holds a key (see {@link #start(String, Object)} and
     * {@link SagaCall#withKey(String)}), from any node; empty when no saga holds it (never started,
     * or finished longer than its retention ago).
     */
    CompletableFuture<Optional<String>> findByKey(String key);

    /** Joins a running saga; completes with the saga id. */
    CompletableFuture<String> join(String sagaId, Object event);

    /** Commits a saga; completes with the saga id. */
    CompletableFuture<String> commit(String sagaId, Object event);

    /**
     * Rolls a saga back: every group that took part runs its rollback listener. Rolling back a saga
     * that is already rolled back does nothing.
     *
     * @param cause why, as the rollback listeners will see it
     */
    CompletableFuture<String> rollback(String sagaId, String cause, Object event);

    /** Whether a saga with this id exists (running, or finished within its retention). */
    CompletableFuture<Boolean> exists(String sagaId);

    /**
     * The saga's state as Redis holds it now, from any node.
     *
     * <p>Fails with {@link SagaNotFoundException} for an unknown or expired saga.
     */
    CompletableFuture<SagaOutcome> outcome(String sagaId);

    /**
     * Completes when the saga has finished (committed or rolled back), or fails with
     * {@link SagaTimeoutException} after {@code timeout}; the saga is never stopped by that. Fails with
     * {@link SagaNotFoundException} when Redis has no such saga, or lost it while the caller waited (a
     * failover to a replica that never got it). A node waits for any number of sagas on one Redis
     * subscription: waiting costs no connection.
     */
    CompletableFuture<SagaOutcome> awaitOutcome(String sagaId, Duration timeout);

    /** {@link #start(Object)}, blocking until Redis accepted it. */
    default String startSync(Object event) {
        return Futures.join(start(event));
    }

    /** {@link #start(String, Object)}, blocking until Redis accepted it or named the saga that holds the key. */
    default String startSync(String key, Object event) {
        return Futures.join(start(key, event));
    }

    /** {@link #join(String, Object)}, blocking until Redis accepted it. */
    default String joinSync(String sagaId, Object event) {
        return Futures.join(join(sagaId, event));
    }

    /** {@link #commit(String, Object)}, blocking until Redis accepted it. */
    default String commitSync(String sagaId, Object event) {
        return Futures.join(commit(sagaId, event));
    }

    /** {@link #rollback(String, String, Object)}, blocking until Redis accepted it. */
    default String rollbackSync(String sagaId, String cause, Object event) {
        return Futures.join(rollback(sagaId, cause, event));
    }

    /** {@link #outcome(String)}, blocking. */
    default SagaOutcome outcomeSync(String sagaId) {
        return Futures.join(outcome(sagaId));
    }

    /** {@link #awaitOutcome(String, Duration)}, blocking up to the timeout. */
    default SagaOutcome awaitOutcomeSync(String sagaId, Duration timeout) {
        return Futures.join(awaitOutcome(sagaId, timeout));
    }

    /** {@link #exists(String)}, blocking. */
    default boolean existsSync(String sagaId) {
        return Futures.join(exists(sagaId));
    }
}
