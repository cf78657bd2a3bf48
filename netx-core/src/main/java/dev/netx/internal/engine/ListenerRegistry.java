package dev.netx.internal.engine;

import dev.netx.SagaListener;
import dev.netx.SagaPhase;
import dev.netx.spi.SagaCodec;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The listeners of this node's group, by phase and event type name. A listener for a specific type
 * wins over one that accepts any type; two listeners for the same phase and type are refused.
 */
final class ListenerRegistry {

    private final Map<SagaPhase, Map<String, SagaListener<?>>> byType = new EnumMap<>(SagaPhase.class);
    private final Map<SagaPhase, SagaListener<?>> anyType = new EnumMap<>(SagaPhase.class);

    ListenerRegistry(List<SagaListener<?>> listeners, SagaCodec codec) {
        for (SagaListener<?> listener : listeners) {
            SagaListener<?> previous;
            if (listener.acceptsAnyEvent()) {
                previous = anyType.putIfAbsent(listener.phase(), listener);
            } else {
                previous = byType.computeIfAbsent(listener.phase(), phase -> new HashMap<>())
                        .putIfAbsent(codec.typeName(listener.eventType()), listener);
            }
            if (previous != null) {
                throw new IllegalArgumentException("two " + listener.phase() + " listeners for event type "
                        + listener.eventType().getName() + " in one group");
            }
        }
    }

    /** The listener for a message, or {@code null} if this group does not listen to it. */
    SagaListener<?> find(SagaPhase phase, String eventType) {
        Map<String, SagaListener<?>> typed = byType.get(phase);
        SagaListener<?> listener = typed == null ? null : typed.get(eventType);
        return listener != null ? listener : anyType.get(phase);
    }

    boolean isEmpty() {
        return byType.isEmpty() && anyType.isEmpty();
    }
}
