package dev.netx.spring.autoconfigure;

import dev.netx.spring.tracing.SagaIdThreadLocalAccessor;
import java.util.concurrent.CompletionStage;
import reactor.core.publisher.Mono;

/** Adapts a Reactor {@link Mono}; loaded only when Reactor is on the classpath. */
final class MonoReturns {

    private MonoReturns() {
    }

    static boolean isMono(Class<?> type) {
        return Mono.class.isAssignableFrom(type);
    }

    /**
     * Subscribes to the Mono with the saga id in its context (key {@link SagaIdThreadLocalAccessor#KEY})
     * and, when context-propagation is present, the handler thread's context (MDC, trace) captured; the
     * stage completes with its value, or {@code null} when it is empty.
     */
    static CompletionStage<?> toStage(Object mono, String sagaId) {
        return ((Mono<?>) mono).contextWrite(context -> context.put(SagaIdThreadLocalAccessor.KEY, sagaId))
                .contextCapture()
                .toFuture();
    }
}
