package dev.netx;

/**
 * A blocking saga listener. It runs on a Netx handler thread, never on a Redis reader.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface SagaHandler<E> {

    /**
     * Handles one message.
     *
     * @return the payload of the event to publish next, per the listener's {@link SuccessWith};
     *     {@code null} for none
     * @throws Exception to roll the saga back (unless the type is in the listener's no-rollback list)
     */
    Object handle(SagaEvent<E> event) throws Exception;
}
