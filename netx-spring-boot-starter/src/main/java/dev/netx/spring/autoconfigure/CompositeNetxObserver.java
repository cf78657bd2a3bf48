package dev.netx.spring.autoconfigure;

import dev.netx.GroupBacklog;
import dev.netx.ShardBacklog;
import dev.netx.SagaPhase;
import dev.netx.spi.NetxObserver;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells several observers, each shielded from the others' failures. */
final class CompositeNetxObserver implements NetxObserver {

    private static final Logger log = LoggerFactory.getLogger(CompositeNetxObserver.class);

    private final List<NetxObserver> observers;

    private CompositeNetxObserver(List<NetxObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    /** One observer for all of them: {@link NetxObserver#NONE} for none, the observer itself for one. */
    static NetxObserver of(List<NetxObserver> observers) {
        return switch (observers.size()) {
            case 0 -> NetxObserver.NONE;
            case 1 -> observers.get(0);
            default -> new CompositeNetxObserver(observers);
        };
    }

    @Override
    public void published(SagaPhase phase, String eventType) {
        each(observer -> observer.published(phase, eventType));
    }

    @Override
    public void handled(SagaPhase phase, String eventType, Duration duration, Throwable failure) {
        each(observer -> observer.handled(phase, eventType, duration, failure));
    }

    @Override
    public void claimed(int count) {
        each(observer -> observer.claimed(count));
    }

    @Override
    public void deadLettered() {
        each(NetxObserver::deadLettered);
    }

    @Override
    public void backlogSampled(List<ShardBacklog> backlog) {
        each(observer -> observer.backlogSampled(backlog));
    }

    @Override
    public void calledGroupsSampled(List<GroupBacklog> calledGroups) {
        each(observer -> observer.calledGroupsSampled(calledGroups));
    }

    private void each(Consumer<NetxObserver> call) {
        for (NetxObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                log.warn("Netx observer {} failed: {}", observer, e.toString());
            }
        }
    }
}
