package dev.netx.spring.metrics;

import dev.netx.GroupBacklog;
import dev.netx.SagaPhase;
import dev.netx.ShardBacklog;
import dev.netx.spi.NetxObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
 *   <li>{@value #BACKLOG_LAG}, {@value #BACKLOG_PENDING} and {@value #BACKLOG_OLDEST_PENDING}: gauges of
 *       what waits for this node's group, tagged {@code shard} and {@code stream} ({@code inbox} or
 *       {@code events}), from {@link dev.netx.NetxStatus#backlog()}: what an autoscaler of the group reads.
 *       Every node of the group reports the same figures: aggregate them with {@code max} over the
 *       group's nodes before summing over shards;</li>
 *   <li>{@value #CALLED_GROUP_LIVE_NODES}, {@value #CALLED_GROUP_WAITING} and {@value #CALLED_GROUP_OLDEST}:
 *       gauges of each group this node's orchestrators call, tagged {@code called.group}, from
 *       {@link dev.netx.NetxStatus#calledGroups()}; alert when live nodes are 0 while messages wait.</li>
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

    /** Messages not yet delivered to any node of this node's group, per shard and stream. */
    public static final String BACKLOG_LAG = "netx.backlog.lag";
    /** Messages delivered to a node of this node's group and not yet finished, per shard and stream. */
    public static final String BACKLOG_PENDING = "netx.backlog.pending";
    /** How long ago the oldest message pending with this node's group was written, per shard and stream. */
    public static final String BACKLOG_OLDEST_PENDING = "netx.backlog.oldest.pending";

    /** Live nodes of a group that this node's orchestrators call. */
    public static final String CALLED_GROUP_LIVE_NODES = "netx.called.group.live.nodes";
    /** Messages waiting on a called group (pending or not yet delivered). */
    public static final String CALLED_GROUP_WAITING = "netx.called.group.waiting";
    /** How long the oldest message waiting on a called group has waited. */
    public static final String CALLED_GROUP_OLDEST = "netx.called.group.oldest.waiting";

    private final MeterRegistry registry;
    private final Tags tags;
    private final Map<String, AtomicReference<GroupBacklog>> calledGroups = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<ShardBacklog>> backlog = new ConcurrentHashMap<>();

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

    @Override
    public void backlogSampled(List<ShardBacklog> sampled) {
        for (ShardBacklog shard : sampled) {
            backlog.computeIfAbsent(shard.shard() + "/" + shard.stream(), key -> registerShard(shard)).set(shard);
        }
    }

    private AtomicReference<ShardBacklog> registerShard(ShardBacklog first) {
        AtomicReference<ShardBacklog> last = new AtomicReference<>(first);
        Tags shardTags = tags.and("shard", Integer.toString(first.shard()),
                "stream", first.stream().name().toLowerCase(Locale.ROOT));
        Gauge.builder(BACKLOG_LAG, last, ref -> ref.get().lag()).tags(shardTags)
                .description("Messages not yet delivered to any node of this group").register(registry);
        Gauge.builder(BACKLOG_PENDING, last, ref -> ref.get().pending()).tags(shardTags)
                .description("Messages delivered to a node of this group and not yet finished").register(registry);
        TimeGauge.builder(BACKLOG_OLDEST_PENDING, last, TimeUnit.MILLISECONDS,
                ref -> ref.get().oldestPending().toMillis()).tags(shardTags)
                .description("Age of the oldest message pending with this group").register(registry);
        return last;
    }

    @Override
    public void calledGroupsSampled(List<GroupBacklog> sampled) {
        for (GroupBacklog backlog : sampled) {
            calledGroups.computeIfAbsent(backlog.group(), group -> registerCalledGroup(backlog)).set(backlog);
        }
    }

    private AtomicReference<GroupBacklog> registerCalledGroup(GroupBacklog first) {
        AtomicReference<GroupBacklog> last = new AtomicReference<>(first);
        Tags groupTags = tags.and("called.group", first.group());
        Gauge.builder(CALLED_GROUP_LIVE_NODES, last, ref -> ref.get().liveNodes()).tags(groupTags)
                .description("Live nodes of a group this node's orchestrators call").register(registry);
        Gauge.builder(CALLED_GROUP_WAITING, last, ref -> ref.get().waiting()).tags(groupTags)
                .description("Messages waiting on a group this node's orchestrators call").register(registry);
        TimeGauge.builder(CALLED_GROUP_OLDEST, last, TimeUnit.MILLISECONDS,
                ref -> ref.get().oldestWaiting().toMillis()).tags(groupTags)
                .description("Age of the oldest message waiting on a called group").register(registry);
        return last;
    }

    private static String event(String eventType) {
        return eventType == null || eventType.isEmpty() ? "none" : eventType;
    }
}
