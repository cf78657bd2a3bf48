package dev.netx.internal.engine;

import dev.netx.GroupBacklog;
import dev.netx.ShardBacklog;
import dev.netx.SagaPhase;
import dev.netx.spi.NetxObserver;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shields the engine from an observer that throws. */
final class SafeObserver implements NetxObserver {

    private static final Logger log = LoggerFactory.getLogger(SafeObserver.class);

    private final NetxObserver delegate;

    SafeObserver(NetxObserver delegate) {
        this.delegate = delegate;
    }

    @Override
    public void published(SagaPhase phase, String eventType) {
        run(() -> delegate.published(phase, eventType));
    }

    @Override
    public void handled(SagaPhase phase, String eventType, Duration duration, Throwable failure) {
        run(() -> delegate.handled(phase, eventType, duration, failure));
    }

    @Override
    public void claimed(int count) {
        run(() -> delegate.claimed(count));
    }

    @Override
    public void deadLettered() {
        run(delegate::deadLettered);
    }

    @Override
    public void backlogSampled(List<ShardBacklog> backlog) {
        run(() -> delegate.backlogSampled(backlog));
    }

    @Override
    public void calledGroupsSampled(List<GroupBacklog> calledGroups) {
        run(() -> delegate.calledGroupsSampled(calledGroups));
    }

    private static void run(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Netx observer failed: {}", e.toString());
        }
    }
}
