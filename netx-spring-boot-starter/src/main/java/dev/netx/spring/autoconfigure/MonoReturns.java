package dev.netx.spring.autoconfigure;

import java.util.concurrent.CompletionStage;
import reactor.core.publisher.Mono;

/** Adapts a Reactor {@link Mono}; loaded only when Reactor is on the classpath. */
final class MonoReturns {

    private MonoReturns() {
    }

    static boolean isMono(Class<?> type) {
        return Mono.class.isAssignableFrom(type);
    }

    /** Subscribes to the Mono; the stage completes with its value, or {@code null} when it is empty. */
    static CompletionStage<?> toStage(Object mono) {
        return ((Mono<?>) mono).toFuture();
    }
}
