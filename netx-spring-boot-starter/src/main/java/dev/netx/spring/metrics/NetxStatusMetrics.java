package dev.netx.spring.metrics;

import dev.netx.Netx;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of a node's state, from {@link Netx#status()}: {@value #IN_FLIGHT} (messages being handled)
 * and {@value #WAITING_CALLERS} (callers waiting for saga outcomes).
 */
public class NetxStatusMetrics implements MeterBinder {

    /** Messages being handled. */
    public static final String IN_FLIGHT = "netx.messages.in.flight";
    /** Callers waiting for outcomes. */
    public static final String WAITING_CALLERS = "netx.callers.waiting";

    private final Netx netx;
    private final Tags tags;

    /** Gauges of the node, with these tags. */
    public NetxStatusMetrics(Netx netx, Tags tags) {
        this.netx = netx;
        this.tags = tags;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(IN_FLIGHT, netx, node -> node.status().inFlight()).tags(tags).strongReference(true)
                .description("Messages this Netx node is handling").register(registry);
        Gauge.builder(WAITING_CALLERS, netx, node -> node.status().waitingCallers()).tags(tags).strongReference(true)
                .description("Callers waiting for saga outcomes on this Netx node").register(registry);
    }
}
