package dev.netx.spring.tracing;

import dev.netx.spi.HandlerCall;
import dev.netx.spi.TracePropagation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Carries Micrometer Tracing's trace context in saga messages. {@link #capture()} writes the current
 * span's context with the {@link Propagator} (W3C {@code traceparent}, {@code tracestate} and baggage
 * with Spring Boot's defaults); {@link #restore} reads it back and starts a {@link Span.Kind#CONSUMER
 * consumer} span, a child of the publisher's span (a new trace when the message carries none), named
 * {@code netx <kind> <name>} ({@code netx start OrderPlaced}, {@code netx step place-order.1},
 * {@code netx participant debit}) and tagged {@value #SAGA_ID_TAG} and {@value #GROUP_TAG}. The span is
 * current while the handler's own call runs (log lines carry its trace id), and ends when the handler's
 * work finished: for a handler returning a future or a {@code Mono}, when that completes, with its
 * error if it failed.
 */
public final class MicrometerTracingPropagation implements TracePropagation {

    /** The tag holding the saga id. */
    public static final String SAGA_ID_TAG = "netx.saga.id";

    /** The tag holding the group of the node that runs the handler. */
    public static final String GROUP_TAG = "netx.group";

    private final Tracer tracer;
    private final Propagator propagator;

    /** A propagation over the application's tracer and its propagator. */
    public MicrometerTracingPropagation(Tracer tracer, Propagator propagator) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.propagator = Objects.requireNonNull(propagator, "propagator");
    }

    @Override
    public Map<String, String> capture() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(span.context(), headers, (carrier, name, value) -> carrier.put(name, value));
        return headers;
    }

    @Override
    public Scope restore(Map<String, String> headers, HandlerCall call) {
        Span span = propagator.extract(headers, (carrier, name) -> carrier.get(name))
                .name("netx " + call.description())
                .kind(Span.Kind.CONSUMER)
                .tag(SAGA_ID_TAG, call.sagaId())
                .tag(GROUP_TAG, call.group())
                .start();
        Tracer.SpanInScope inScope = tracer.withSpan(span);
        return new Scope() {
            @Override
            public void close() {
                inScope.close();
            }

            @Override
            public void finished(Throwable failure) {
                if (failure != null) {
                    span.error(failure);
                }
                span.end();
            }
        };
    }
}
