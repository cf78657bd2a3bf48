package dev.netx.internal.engine;

import dev.netx.GroupBacklog;
import dev.netx.ShardBacklog;
import dev.netx.SagaPhase;
import dev.netx.spi.NetxObserver;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells each of its observers in turn, and shields the engine and the others from one that throws. */
final class SafeObserver implements NetxObserver {

    private static final Logger log = LoggerFactory.getLogger(SafeObserver.class);

    private final List<NetxObserver> delegates;

    SafeObserver(List<NetxObserver> delegates) {
        this.delegates = List.copyOf(delegates);
    }

    @Override
    public void published(SagaPhase phase, String eventType) {
        each(delegate -> delegate.published(phase, eventType));
    }

    @Override
    public void handled(SagaPhase phase, String eventType, Duration duration, Throwable failure) {
        each(delegate -> delegate.handled(phase, eventType, duration, failure));
    }

    @Override
    public void claimed(int count) {
        each(delegate -> delegate.claimed(count));
    }

    @Override
    public void deadLettered() {
        each(NetxObserver::deadLettered);
    }

    @Override
    public void backlogSampled(List<ShardBacklog> backlog) {
        each(delegate -> delegate.backlogSampled(backlog));
    }

    @Override
    public void calledGroupsSampled(List<GroupBacklog> calledGroups) {
        each(delegate -> delegate.calledGroupsSampled(calledGroups));
    }

    private void each(Consumer<NetxObserver> call) {
        for (NetxObserver delegate : delegates) {
            try {
                call.accept(delegate);
            } catch (RuntimeException e) {
                log.warn("Netx observer failed: {}", e.toString());
            }
        }
    }
}
