package dev.netx.internal.engine;

import dev.netx.Netx;
import dev.netx.spi.HandlerCall;
import dev.netx.spi.TracePropagation;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs handlers in their context: the saga id in the logging MDC, and the trace headers of their
 * message restored by the node's {@link TracePropagation}. Headers that do not decode and a
 * propagation that throws are logged and ignored: they never fail a message.
 */
final class HandlerContexts {

    private static final String MDC_KEY = Netx.MDC_SAGA_ID;

    private static final Logger log = LoggerFactory.getLogger(HandlerContexts.class);

    private final TracePropagation propagation;

    HandlerContexts(TracePropagation propagation) {
        this.propagation = propagation;
    }

    /** The current trace context, encoded for a message of {@code sagaId}; {@code null} for none. */
    String capture(String sagaId) {
        if (propagation == TracePropagation.NONE) {
            return null;
        }
        try {
            return PropagatedHeaders.encode(propagation.capture(), sagaId);
        } catch (RuntimeException e) {
            log.warn("saga {}: trace propagation failed to capture the trace context: {}", sagaId, e.toString());
            return null;
        }
    }

    /**
     * Enters the context of a handler call on this thread: the saga id in the MDC, the trace context
     * of {@code headers} (the message's encoded field, {@code null} for none) restored.
     */
    Handling enter(HandlerCall call, String headers) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, call.sagaId());
        TracePropagation.Scope scope = TracePropagation.Scope.NONE;
        if (propagation != TracePropagation.NONE) {
            try {
                scope = propagation.restore(decode(call.sagaId(), headers), call);
            } catch (RuntimeException e) {
                log.warn("saga {}: trace propagation failed to restore the trace context: {}", call.sagaId(),
                        e.toString());
            }
        }
        return new Handling(call.sagaId(), previous, scope == null ? TracePropagation.Scope.NONE : scope);
    }

    private static Map<String, String> decode(String sagaId, String headers) {
        try {
            return PropagatedHeaders.decode(headers);
        } catch (IllegalArgumentException e) {
            log.warn("saga {}: trace headers of the message ignored, they do not decode: {}", sagaId, e.getMessage());
            return Map.of();
        }
    }

    private static void restoreMdc(String previous) {
        if (previous == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, previous);
        }
    }

    /** One handler call's context: closed when the handler returned, then finished when its work is done. */
    static final class Handling implements AutoCloseable {

        private final String sagaId;
        private final String previousMdc;
        private final TracePropagation.Scope scope;

        private Handling(String sagaId, String previousMdc, TracePropagation.Scope scope) {
            this.sagaId = sagaId;
            this.previousMdc = previousMdc;
            this.scope = scope;
        }

        /** Leaves the context on the handler's thread. */
        @Override
        public void close() {
            try {
                scope.close();
            } catch (RuntimeException e) {
                log.warn("saga {}: trace propagation failed to close its scope: {}", sagaId, e.toString());
            } finally {
                restoreMdc(previousMdc);
            }
        }

        /**
         * The handler's work finished: tells the propagation's scope, then runs Netx's own
         * continuation with the saga id in the MDC, on the calling thread.
         */
        void finished(Throwable failure, Runnable continuation) {
            String previous = MDC.get(MDC_KEY);
            MDC.put(MDC_KEY, sagaId);
            try {
                try {
                    scope.finished(failure);
                } catch (RuntimeException e) {
                    log.warn("saga {}: trace propagation failed to finish its scope: {}", sagaId, e.toString());
                }
                continuation.run();
            } finally {
                restoreMdc(previous);
            }
        }
    }
}
