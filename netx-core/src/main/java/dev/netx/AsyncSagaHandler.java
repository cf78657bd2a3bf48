package dev.netx;

import java.util.concurrent.CompletionStage;

/**
 * A non-blocking saga listener: it returns at once and completes the stage later.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface AsyncSagaHandler<E> {

    /**
     * Handles one message.
     *
     * @return a stage completed with the payload of the next event ({@code null} for none), or
     *     completed exceptionally to roll the saga back
     */
    CompletionStage<?> handle(SagaEvent<E> event);
}
