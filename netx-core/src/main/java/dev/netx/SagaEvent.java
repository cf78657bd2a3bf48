package dev.netx;

import java.util.Optional;

/**
 * One saga message as a listener receives it. Immutable; valid for the duration of the call.
 *
 * @param <E> the event type the listener was registered for ({@code Object} for any)
 */
public interface SagaEvent<E> {

    /** The saga this message belongs to. */
    String sagaId();

    /** The phase of this message. */
    SagaPhase phase();

    /** The event type name the publisher recorded; empty when it published no event. */
    String eventType();

    /**
     * The event, decoded as the listener's registered type.
     *
     * @return the event, or {@code null} when the publisher sent none
     * @throws SagaEncodingException if the payload does not decode as that type
     */
    E event();

    /**
     * The event decoded as another type.
     *
     * @return the event, or {@code null} when the publisher sent none
     * @throws SagaEncodingException if the payload does not decode as that type
     */
    <T> T decodeEvent(Class<T> type);

    /** The service group that published this message. */
    String publisherGroup();

    /** The node that published this message. */
    String publisherNode();

    /**
     * A key that is the same for every delivery of this message to this group,
     * {@code sagaId:group:phase}: use it to make the listener's own writes idempotent.
     */
    String idempotencyKey();

    /** For a rollback, why the saga was rolled back; empty otherwise. */
    Optional<String> cause();

    /** How many times this message has been delivered to this group, 1 the first time. */
    long deliveryCount();
}
