package dev.netx.spring.health;

import dev.netx.Netx;
import dev.netx.NetxStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when the node is running, every shard reader loop is alive and Redis answers a {@code PING}
 * within {@link #PING_TIMEOUT}; DOWN otherwise. Details: group, node, shards, messages in flight,
 * callers waiting, Redis's round-trip time and, on a node with orchestrators, each group they call
 * ({@code calledGroups}) with a {@code waitingOn} line for every group that has messages waiting and no
 * live node. Such a group leaves this node UP: it is the called group that needs a node, and
 * restarting this one would not give it one. Blocks for at most the ping timeout.
 */
public class NetxHealthIndicator extends AbstractHealthIndicator {

    /** How long a health check waits for Redis. */
    public static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final Netx netx;

    /** An indicator of the given node. */
    public NetxHealthIndicator(Netx netx) {
        super("Netx health check failed");
        this.netx = netx;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        NetxStatus status = netx.status();
        builder.withDetail("group", netx.options().group())
                .withDetail("node", netx.options().nodeName())
                .withDetail("shards", status.shards())
                .withDetail("inFlight", status.inFlight())
                .withDetail("waitingCallers", status.waitingCallers());
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
            builder.up().withDetail("redisLatencyMillis", latency.toNanos() / 1_000_000.0);
        } catch (ExecutionException e) {
            builder.down(e.getCause()).withDetail("reason", "Redis does not answer");
        } catch (TimeoutException e) {
            builder.down().withDetail("reason", "Redis did not answer within " + PING_TIMEOUT.toMillis() + " ms");
        }
    }
}
