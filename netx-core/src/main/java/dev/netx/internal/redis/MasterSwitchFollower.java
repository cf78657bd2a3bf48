package dev.netx.internal.redis;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a node's connections to a new master as soon as the Sentinels announce it
 * ({@code +switch-master}). A connection over Sentinel looks the master up only when it reconnects,
 * and after a graceful failover the old master keeps its clients until Sentinel demotes it, seconds
 * later: what a node wrote there meanwhile would be replaced by the new master's data. So every
 * connection of the client carries one client name, and on the announcement those found on the old
 * master ({@code CLIENT LIST}) are closed there ({@code CLIENT KILL ID}); Lettuce reconnects them
 * through the Sentinels, to the new master, named again. Commands cut off fail with a
 * connection error, which Netx treats as an unknown outcome and re-sends (its writes are idempotent).
 */
final class MasterSwitchFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MasterSwitchFollower.class);
    private static final String CHANNEL = "+switch-master";
    private static final long RETRY_SECONDS = 5;

    private final SentinelRedisClient client;
    private final String clientName;
    private final List<StatefulRedisPubSubConnection<String, String>> sentinels = new ArrayList<>();
    private volatile boolean closed;
    /** Where unreachable Sentinels are tried again: a connection attempt blocks. */
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "netx-sentinel-follower");
        thread.setDaemon(true);
        return thread;
    });

    /** Follows switches of {@code client}'s master, for its connections (all carry its URI's client name). */
    MasterSwitchFollower(SentinelRedisClient client) {
        this.client = client;
        this.clientName = client.uri().getClientName();
    }

    /**
     * Subscribes to the announcements of every Sentinel; one is enough. A Sentinel that does not
     * answer is tried again every {@value #RETRY_SECONDS} s, so that a node started while some were
     * down follows them once they are back.
     */
    void start() {
        boolean anyFollowed = false;
        for (RedisURI sentinel : client.uri().getSentinels()) {
            anyFollowed |= follow(sentinel, true);
        }
        if (!anyFollowed) {
            log.warn("no Sentinel of master {} could be followed yet: until one can, after a graceful failover"
                    + " connections move to the new master only when the old one drops them",
                    client.uri().getSentinelMasterId());
        }
    }

    /** Follows one Sentinel; whether it answered. Tries it again later if not. */
    private boolean follow(RedisURI sentinel, boolean first) {
        if (closed) {
            return false;
        }
        String master = client.uri().getSentinelMasterId();
        StatefulRedisPubSubConnection<String, String> connection = null;
        try {
            connection = client.connectPubSub(StringCodec.UTF8, sentinel);
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    // "<master name> <old ip> <old port> <new ip> <new port>"
                    String[] parts = message.split(" ");
                    if (parts.length == 5 && parts[0].equals(master)) {
                        // off the event loop: moving the connections takes commands of its own. Every
                        // Sentinel announces the switch, and each pass is kept: a connection that
                        // reconnected through a Sentinel not yet switched is back on the old master
                        CompletableFuture.runAsync(() -> switched(parts[1], parts[2], parts[3] + ":" + parts[4]));
                    }
                }
            });
            connection.sync().subscribe(CHANNEL);
            synchronized (sentinels) {
                if (!closed) {
                    sentinels.add(connection);
                    if (!first) {
                        log.info("following Sentinel {} for master switches", sentinel);
                    }
                    return true;
                }
            }
            connection.close();
            return false;
        } catch (RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            if (first) {
                log.warn("cannot follow Sentinel {} for master switches yet, trying again every {} s: {}", sentinel,
                        RETRY_SECONDS, e.toString());
            }
            try {
                retries.schedule(() -> follow(sentinel, false), RETRY_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException closing) {
                // the node stops
            }
            return false;
        }
    }

    private void switched(String oldHost, String oldPort, String newMaster) {
        int moved = 0;
        try {
            moved = moveFrom(oldHost, Integer.parseInt(oldPort));
        } catch (RuntimeException e) {
            log.warn("could not move connections off the old master {}:{}: {}", oldHost, oldPort, e.toString());
        }
        if (moved > 0) {
            log.warn("Sentinel switched master {} to {}: {} connections of this client moved there",
                    client.uri().getSentinelMasterId(), newMaster, moved);
        }
    }

    /** Closes this client's connections on the old master; how many. */
    private int moveFrom(String oldHost, int oldPort) {
        RedisURI old = RedisURI.builder().withHost(oldHost).withPort(oldPort).withSsl(client.uri())
                .withAuthentication(client.uri()).withTimeout(client.uri().getTimeout()).build();
        int moved = 0;
        try (StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8, old)) {
            for (String line : connection.sync().clientList().split("\n")) {
                String id = field(line, "id");
                if (clientName.equals(field(line, "name")) && id != null) {
                    try {
                        connection.sync().clientKill(KillArgs.Builder.id(Long.parseLong(id)));
                        moved++;
                    } catch (RedisCommandExecutionException gone) {
                        if (isNoPermission(gone)) {
                            throw gone;
                        }
                        // it closed meanwhile
                    }
                }
            }
        } catch (RedisCommandExecutionException refused) {
            log.warn("the old master {}:{} refused to list or close this client's connections ({}): they move to"
                    + " the new master only when it drops them, once demoted{}", oldHost, oldPort, refused.getMessage(),
                    isNoPermission(refused) ? " (with ACLs, grant the user +client|list +client|kill)" : "");
        } catch (RuntimeException e) {
            // the old master is gone: the connections broke with it and reconnect by themselves
            log.info("could not reach the old master {}:{} to move connections: {}", oldHost, oldPort, e.toString());
        }
        return moved;
    }

    /** Whether Redis refused a command for the user's ACL permissions. */
    private static boolean isNoPermission(RedisCommandExecutionException e) {
        return String.valueOf(e.getMessage()).startsWith("NOPERM");
    }

    /** The value of {@code name=} in a {@code CLIENT LIST} line, or {@code null}. */
    private static String field(String line, String name) {
        for (String pair : line.split(" ")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        synchronized (sentinels) {
            closed = true;
            retries.shutdownNow();
            sentinels.forEach(StatefulRedisPubSubConnection::close);
        }
    }
}
