package dev.netx.spring.metrics;

import dev.netx.SagaPhase;
import dev.netx.spi.NetxObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * Counts and times what a node does, in a {@link MeterRegistry}. Every meter carries the tags given
 * at construction (the auto-configuration gives {@code group}).
 * <ul>
 *   <li>{@value #STARTED}, {@value #JOINED}, {@value #COMMITTED}, {@value #ROLLED_BACK}: saga events this
 *       node wrote, tagged {@code event} (the event type, {@code none} without one);</li>
 *   <li>{@value #HANDLER}: a timer of the listeners, tagged {@code phase}, {@code event}, {@code outcome}
 *       ({@code success} or {@code failure}) and {@code exception} (its simple class name, or {@code none});</li>
 *   <li>{@value #CLAIMS}: messages taken over from silent nodes; {@value #DEAD_LETTERS}: messages this node
 *       dead-lettered.</li>
 * </ul>
 */
public class MicrometerNetxObserver implements NetxObserver {

    /** Sagas started. */
    public static final String STARTED = "netx.sagas.started";
    /** Join events. */
    public static final String JOINED = "netx.sagas.joined";
    /** Sagas committed. */
    public static final String COMMITTED = "netx.sagas.committed";
    /** Sagas rolled back. */
    public static final String ROLLED_BACK = "netx.sagas.rolled.back";
    /** Listener latency. */
    public static final String HANDLER = "netx.handler";
    /** Messages claimed from silent nodes. */
    public static final String CLAIMS = "netx.claims";
    /** Messages dead-lettered. */
    public static final String DEAD_LETTERS = "netx.dead.letters";

    private final MeterRegistry registry;
    private final Tags tags;

    /** An observer recording in the registry, with these tags on every meter. */
    public MicrometerNetxObserver(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    @Override
    public void published(SagaPhase phase, String eventType) {
        String name = switch (phase) {
            case START -> STARTED;
            case JOIN -> JOINED;
            case COMMIT -> COMMITTED;
            case ROLLBACK -> ROLLED_BACK;
        };
        Counter.builder(name).tags(tags).tag("event", event(eventType)).register(registry).increment();
    }

    @Override
    public void handled(SagaPhase phase, String eventType, Duration duration, Throwable failure) {
        Timer.builder(HANDLER).description("Time Netx saga listeners took").tags(tags)
                .tag("phase", phase.name().toLowerCase(Locale.ROOT))
                .tag("event", event(eventType))
                .tag("outcome", failure == null ? "success" : "failure")
                .tag("exception", failure == null ? "none" : failure.getClass().getSimpleName())
                .register(registry).record(duration);
    }

    @Override
    public void claimed(int count) {
        Counter.builder(CLAIMS).tags(tags).register(registry).increment(count);
    }

    @Override
    public void deadLettered() {
        Counter.builder(DEAD_LETTERS).tags(tags).register(registry).increment();
    }

    private static String event(String eventType) {
        return eventType == null || eventType.isEmpty() ? "none" : eventType;
    }
}
