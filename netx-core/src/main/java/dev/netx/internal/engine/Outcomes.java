package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.PayloadTooLargeException;
import dev.netx.SagaListener;
import dev.netx.SagaPhase;
import dev.netx.internal.codec.ExceptionEnvelopes;
import dev.netx.spi.SagaCodec;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what a listener did into the message's transition, and events into checked payloads. */
final class Outcomes {

    private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

    private final NetxOptions options;
    private final SagaCodec codec;
    private final ExceptionEnvelopes envelopes;

    Outcomes(NetxOptions options, SagaCodec codec, ExceptionEnvelopes envelopes) {
        this.options = options;
        this.codec = codec;
        this.envelopes = envelopes;
    }

    SagaCodec codec() {
        return codec;
    }

    /**
     * The transition after a listener returned {@code value} or failed with {@code failure};
     * {@code null} when the message must be retried (a failed rollback listener). The next message
     * carries {@code headers}, the listener's trace context.
     */
    Transition transition(SagaMessage message, SagaListener<?> listener, Object value, Throwable failure,
            String headers) {
        if (failure == null) {
            return switch (listener.successWith()) {
                case END -> Transition.ACK;
                case PUBLISH_JOIN -> new Transition("J", message(message.sagaId(), SagaPhase.JOIN, value, null,
                        headers));
                case PUBLISH_COMMIT -> new Transition("C", message(message.sagaId(), SagaPhase.COMMIT, value, null,
                        headers));
            };
        }
        if (listener.isNoRollback(failure)) {
            log.info("saga {}: {} listener of group {} failed with {}, no rollback for it", message.sagaId(),
                    message.phase(), options.group(), failure.getClass().getName());
            return Transition.ACK;
        }
        if (message.phase() == SagaPhase.ROLLBACK) {
            return null;
        }
        return rollback(message, failure, headers);
    }

    /**
     * A rollback of the message's saga, carrying the message's event, the failure as its cause and
     * {@code headers}.
     */
    Transition rollback(SagaMessage message, Throwable failure, String headers) {
        log.info("saga {}: {} listener of group {} failed, rolling back: {}", message.sagaId(), message.phase(),
                options.group(), String.valueOf(failure));
        return new Transition("R", new SagaMessage(message.sagaId(), SagaPhase.ROLLBACK, message.eventType(),
                message.payload(), options.group(), options.nodeName(), describe(failure), envelopes.encode(failure),
                headers));
    }

    /** A message of this node, with the event encoded and its size checked, carrying {@code headers}. */
    SagaMessage message(String sagaId, SagaPhase phase, Object event, String cause, String headers) {
        String type = event == null ? "" : codec.typeName(event.getClass());
        return new SagaMessage(sagaId, phase, type, encode(event), options.group(), options.nodeName(), cause, null,
                headers);
    }

    /** The encoded event, {@code null} for none. */
    String encode(Object event) {
        if (event == null) {
            return null;
        }
        String payload = codec.encode(event);
        int max = options.maxPayloadBytes();
        // Cheap bound first: a UTF-8 char takes at most 3 bytes.
        if ((long) payload.length() * 3 > max) {
            int size = payload.getBytes(StandardCharsets.UTF_8).length;
            if (size > max) {
                throw new PayloadTooLargeException(size, max);
            }
        }
        return payload;
    }

    static String describe(Throwable failure) {
        String text = failure.getClass().getName() + ": " + failure.getMessage();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
