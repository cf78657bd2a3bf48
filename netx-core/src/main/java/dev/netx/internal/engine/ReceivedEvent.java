package dev.netx.internal.engine;

import dev.netx.SagaEvent;
import dev.netx.SagaPhase;
import dev.netx.spi.SagaCodec;
import java.util.Locale;
import java.util.Optional;

/** A saga message handed to a listener, its event decoded once before the call. */
final class ReceivedEvent<E> implements SagaEvent<E> {

    private final SagaMessage message;
    private final E event;
    private final SagaCodec codec;
    private final String group;
    private final long deliveryCount;

    ReceivedEvent(SagaMessage message, Class<E> type, SagaCodec codec, String group, long deliveryCount) {
        this.message = message;
        this.codec = codec;
        this.group = group;
        this.deliveryCount = deliveryCount;
        this.event = message.payload() == null ? null : codec.decode(message.payload(), type);
    }

    @Override
    public String sagaId() {
        return message.sagaId();
    }

    @Override
    public SagaPhase phase() {
        return message.phase();
    }

    @Override
    public String eventType() {
        return message.eventType();
    }

    @Override
    public E event() {
        return event;
    }

    @Override
    public <T> T decodeEvent(Class<T> type) {
        return message.payload() == null ? null : codec.decode(message.payload(), type);
    }

    @Override
    public String publisherGroup() {
        return message.group();
    }

    @Override
    public String publisherNode() {
        return message.node();
    }

    @Override
    public String idempotencyKey() {
        return message.sagaId() + ":" + group + ":" + message.phase().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<String> cause() {
        return Optional.ofNullable(message.cause());
    }

    @Override
    public long deliveryCount() {
        return deliveryCount;
    }

    @Override
    public String toString() {
        return "SagaEvent[" + message.sagaId() + " " + message.phase() + " " + message.eventType() + "]";
    }
}
