package dev.netx.internal.engine;

/**
 * Where each delivered message goes: orchestration messages (they carry a kind) to the
 * orchestration handler, saga events to the choreography handler, deleted entries straight to an
 * acknowledgement. Returns at once; handlers run off the reader threads.
 */
final class Dispatcher {

    private final Deliveries deliveries;
    private final ChoreographyHandler choreography;
    private final OrchestrationHandler orchestration;

    Dispatcher(Deliveries deliveries, ChoreographyHandler choreography, OrchestrationHandler orchestration) {
        this.deliveries = deliveries;
        this.choreography = choreography;
        this.orchestration = orchestration;
    }

    /** Takes a delivery whose backpressure permit the caller holds. */
    void dispatch(Delivery delivery) {
        if (!deliveries.track(delivery)) {
            return;
        }
        if (delivery.fields().isEmpty()) {
            deliveries.ack(delivery);
        } else if (delivery.fields().containsKey(OrchestrationMessage.KIND)) {
            orchestration.handle(delivery);
        } else {
            choreography.handle(delivery);
        }
    }
}
