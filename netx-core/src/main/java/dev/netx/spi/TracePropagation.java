package dev.netx.spi;

import java.util.Map;

/**
 * Carries the trace context of the code that publishes a saga message (W3C {@code traceparent},
 * {@code tracestate}, baggage: whatever headers the tracer writes) to the handlers that run for it, in
 * this service or another. Register one with {@code Netx.builder(...).propagation(...)}; the Spring Boot
 * starter registers one over Micrometer Tracing.
 *
 * <p>{@link #capture()} is called on the thread that publishes: the caller's thread for
 * {@code SagaManager} calls and for an orchestrator's {@code saga(...)}; for what a choreography
 * listener publishes when it finishes (its join, commit or rollback), the listener's thread, inside
 * the context its own message restored. An orchestrated saga is captured once, when it starts: those
 * headers reach every later step, compensation and participant call of the saga.
 *
 * <p>{@link #restore} is called on the handler's thread before every listener, local step,
 * compensation and participant handler call (each retry attempt is a call). The returned
 * {@link Scope} is closed on the same thread as soon as the handler returns, and then told when the
 * handler's work finished (for a handler returning a future, when the future completes).
 *
 * <p>The headers travel in one field of the stream entry, at most {@value #MAX_ENCODED_CHARS}
 * characters encoded; headers that do not fit are dropped (and logged). A message without the field
 * (none was captured, or an older Netx wrote it) or with a field that does not decode is handled
 * with empty headers. Implementations must be thread-safe and fast; what they throw is logged and
 * ignored, never fails a message.
 */
public interface TracePropagation {

    /** The most characters the encoded headers of one message may take. */
    int MAX_ENCODED_CHARS = 4096;

    /** The propagation that carries nothing: no field is written, every scope does nothing. */
    TracePropagation NONE = new TracePropagation() {
    };

    /**
     * The headers describing the current trace context; empty (the default) for none. Called on the
     * publishing thread; does not block.
     */
    default Map<String, String> capture() {
        return Map.of();
    }

    /**
     * Makes the context of {@code headers} current on the calling thread for one handler call, e.g. by
     * starting a span that continues the publisher's trace. The default does nothing.
     *
     * @param headers what {@link #capture()} returned where the message was published; empty when none
     *                travelled with it
     * @param call    the handler call about to run
     * @return the scope to close when the handler returned; never {@code null}
     */
    default Scope restore(Map<String, String> headers, HandlerCall call) {
        return Scope.NONE;
    }

    /** A context restored for one handler call. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {

        /** The scope that does nothing. */
        Scope NONE = () -> {
        };

        /**
         * Leaves the context on the calling thread; called on the handler's thread as soon as the
         * handler returned (for a handler returning a future: once it returned the future).
         */
        @Override
        void close();

        /**
         * The handler's work finished; called after {@link #close()}, on whichever thread completed it.
         * The default does nothing.
         *
         * @param failure what the handler failed with (a timeout included), {@code null} if it succeeded
         */
        default void finished(Throwable failure) {
        }
    }
}
