package dev.netx.spring.health;

import dev.netx.Netx;
import dev.netx.NetxStatus;
import dev.netx.ShardBacklog;
import dev.netx.spring.NetxProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * UP when the node is running, every shard reader loop is alive and Redis answers a {@code PING}
 * within {@link #PING_TIMEOUT}; DOWN otherwise; {@value #DEGRADED} instead of UP while more messages
 * wait for the node's group than {@code netx.health.max-backlog}, or the oldest pending one was written longer ago than
 * {@code netx.health.max-oldest-pending} (the group needs more nodes, or a handler hangs). Spring Boot
 * leaves a status it does not know out of the application's status: give the whole order,
 * {@code management.endpoint.health.status.order=down,out-of-service,degraded,up,unknown}, to count it.
 * Details: group, node, shards, messages
 * in flight, callers waiting, Redis's round-trip time, the group's {@code backlog} (lag, pending and
 * the oldest pending, in all and for each shard and stream where something waits) and, on a node
 * with orchestrators, each group they call
 * ({@code calledGroups}) with a {@code waitingOn} line for every group that has messages waiting and no
 * live node. Such a group leaves this node UP: it is the called group that needs a node, and
 * restarting this one would not give it one. Blocks for at most the ping timeout.
 */
public class NetxHealthIndicator extends AbstractHealthIndicator {

    /** How long a health check waits for Redis. */
    public static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    /** The status of a node whose group has more waiting than it takes. */
    public static final String DEGRADED = "DEGRADED";

    private final Netx netx;
    private final NetxProperties.Health thresholds;

    /** An indicator of the given node, degraded past the given thresholds. */
    public NetxHealthIndicator(Netx netx, NetxProperties.Health thresholds) {
        super("Netx health check failed");
        this.netx = netx;
        this.thresholds = thresholds;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        NetxStatus status = netx.status();
        builder.withDetail("group", netx.options().group())
                .withDetail("node", netx.options().nodeName())
                .withDetail("shards", status.shards())
                .withDetail("inFlight", status.inFlight())
                .withDetail("waitingCallers", status.waitingCallers())
                .withDetail("backlog", backlog(status));
        if (!status.calledGroups().isEmpty()) {
            Map<String, Object> called = new LinkedHashMap<>();
            status.calledGroups().forEach(group -> called.put(group.group(), Map.of("liveNodes", group.liveNodes(),
                    "waiting", group.waiting(), "oldestWaitingSeconds", group.oldestWaiting().toSeconds())));
            builder.withDetail("calledGroups", called);
        }
        List<String> waitingOn = status.unattendedGroups().stream().map(group -> "waiting on group " + group.group()
                + ", which has no live node: " + group.waiting() + " messages, the oldest for "
                + group.oldestWaiting().toSeconds() + " s").toList();
        if (!waitingOn.isEmpty()) {
            builder.withDetail("waitingOn", waitingOn);
        }
        if (!status.running()) {
            builder.down().withDetail("reason", "the node is not running");
            return;
        }
        if (!status.readersAlive()) {
            builder.down().withDetail("reason", "a shard reader loop has stopped");
            return;
        }
        try {
            Duration latency = netx.ping().get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            builder.withDetail("redisLatencyMillis", latency.toNanos() / 1_000_000.0);
            String degraded = degraded(status);
            if (degraded == null) {
                builder.up();
            } else {
                builder.status(new Status(DEGRADED, degraded));
            }
        } catch (ExecutionException e) {
            builder.down(e.getCause()).withDetail("reason", "Redis does not answer");
        } catch (TimeoutException e) {
            builder.down().withDetail("reason", "Redis did not answer within " + PING_TIMEOUT.toMillis() + " ms");
        }
    }

    private @Nullable String degraded(NetxStatus status) {
        if (thresholds.maxBacklog() > 0 && status.waiting() > thresholds.maxBacklog()) {
            return status.waiting() + " messages wait for group " + netx.options().group()
                    + ", above netx.health.max-backlog=" + thresholds.maxBacklog();
        }
        Duration oldest = status.oldestPending();
        if (!thresholds.maxOldestPending().isZero() && oldest.compareTo(thresholds.maxOldestPending()) > 0) {
            return "the oldest message pending with group " + netx.options().group() + " was written "
                    + oldest.toSeconds() + " s ago, above netx.health.max-oldest-pending="
                    + thresholds.maxOldestPending();
        }
        return null;
    }

    private static Map<String, Object> backlog(NetxStatus status) {
        Map<String, Object> backlog = new LinkedHashMap<>();
        backlog.put("lag", status.backlog().stream().mapToLong(ShardBacklog::lag).sum());
        backlog.put("pending", status.backlog().stream().mapToLong(ShardBacklog::pending).sum());
        backlog.put("oldestPendingSeconds", status.oldestPending().toSeconds());
        backlog.put("shards", status.backlog().stream().filter(shard -> shard.waiting() > 0)
                .map(shard -> Map.of("shard", shard.shard(), "stream", shard.stream().name().toLowerCase(Locale.ROOT),
                        "lag", shard.lag(), "pending", shard.pending(),
                        "oldestPendingSeconds", shard.oldestPending().toSeconds()))
                .toList());
        return backlog;
    }
}
