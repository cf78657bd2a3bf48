package dev.netx;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A choreography listener of one service group: what phase and event type it reacts to, what it
 * publishes when it succeeds, and which exceptions do not roll the saga back.
 *
 * <p>Build one with {@link #on(SagaPhase, Class, SagaHandler)} and refine it with the withers:
 * <pre>{@code
 * SagaListener.on(SagaPhase.START, OrderPlaced.class, event -> debit(event.event()))
 *     .successWith(SuccessWith.PUBLISH_JOIN)
 *     .noRollbackFor(DuplicateRequestException.class);
 * }</pre>
 *
 * @param phase         the phase it listens to
 * @param eventType     the event class it accepts, matched by the publisher's type name; a message that
 *                      carries no event matches only {@code Object.class}, which accepts every message
 * @param successWith   what it publishes when it succeeds; default {@link SuccessWith#END}
 * @param noRollbackFor exception types (and their subtypes) that end the saga's step without a rollback
 * @param handler       the code to run
 * @param <E>           the event type
 */
public record SagaListener<E>(
        SagaPhase phase,
        Class<E> eventType,
        SuccessWith successWith,
        Set<Class<? extends Throwable>> noRollbackFor,
        AsyncSagaHandler<E> handler) {

    /** Validates the listener. */
    public SagaListener {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(successWith, "successWith");
        Objects.requireNonNull(handler, "handler");
        noRollbackFor = Set.copyOf(noRollbackFor);
        if (phase == SagaPhase.ROLLBACK && successWith != SuccessWith.END) {
            throw new IllegalArgumentException("a rollback listener can only end: successWith must be END");
        }
    }

    /** A blocking listener for a phase and an event type, ending on success. */
    public static <E> SagaListener<E> on(SagaPhase phase, Class<E> eventType, SagaHandler<E> handler) {
        Objects.requireNonNull(handler, "handler");
        return onAsync(phase, eventType, event -> {
            try {
                return CompletableFuture.completedFuture(handler.handle(event));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /** A non-blocking listener for a phase and an event type, ending on success. */
    public static <E> SagaListener<E> onAsync(SagaPhase phase, Class<E> eventType, AsyncSagaHandler<E> handler) {
        return new SagaListener<>(phase, eventType, SuccessWith.END, Set.of(), handler);
    }

    /** This listener, publishing as given when it succeeds. */
    public SagaListener<E> successWith(SuccessWith successWith) {
        return new SagaListener<>(phase, eventType, successWith, noRollbackFor, handler);
    }

    /** This listener, with exceptions that do not roll the saga back. */
    @SafeVarargs
    public final SagaListener<E> noRollbackFor(Class<? extends Throwable>... types) {
        return new SagaListener<>(phase, eventType, successWith, Set.of(types), handler);
    }

    /** Whether this listener accepts every event type. */
    public boolean acceptsAnyEvent() {
        return eventType == Object.class;
    }

    /** Whether the failure is one that does not roll the saga back. */
    public boolean isNoRollback(Throwable failure) {
        return noRollbackFor.stream().anyMatch(type -> type.isInstance(failure));
    }
}
