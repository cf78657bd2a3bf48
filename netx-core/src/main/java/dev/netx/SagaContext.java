package dev.netx;

import java.util.Optional;

/**
 * The per-saga context of an orchestrated saga: values a step writes are seen by every later step
 * and compensation. Each call gets its own view; writes are kept when the step succeeds. Values are
 * encoded with the node's codec. Not thread-safe.
 */
public interface SagaContext {

    /** The saga. */
    String sagaId();

    /**
     * A key that is the same for every delivery of this step or compensation:
     * {@code sagaId:stepIndex:phase}. Use it to make the step's own writes idempotent.
     */
    String idempotencyKey();

    /**
     * In a compensation, the exception that failed the saga's step (its own type when trusted, else
     * a {@link RemoteSagaException}); empty in a step.
     */
    Optional<Throwable> failure();

    /** A value, decoded as the given type; empty if absent. */
    <T> Optional<T> get(String key, Class<T> type);

    /** A value, decoded as the given generic type; empty if absent. */
    <T> Optional<T> get(String key, TypeRef<T> type);

    /** Sets a value for later steps and compensations; {@code null} removes it. */
    void put(String key, Object value);
}
