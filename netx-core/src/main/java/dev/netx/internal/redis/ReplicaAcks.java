package dev.netx.internal.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Where a caller's writes go, and what holds their answers back until enough replicas have them
 * (Redis {@code WAIT}), so that a failover right after an answer cannot lose what the caller was
 * told is written.
 *
 * <p>{@code WAIT} counts the earlier writes of the connection it is sent on and blocks that
 * connection meanwhile, so with replica acks the caller's writes get a connection of their own,
 * and the writes that finish while one {@code WAIT} is out share the next one: a burst of writes
 * costs two {@code WAIT}s, not one each. Without, they go on the node's shared connection.
 */
public final class ReplicaAcks implements AutoCloseable {

    private final StatefulRedisConnection<String, String> connection;
    private final RedisClusterAsyncCommands<String, String> commands;
    private final int replicas;
    private final long timeoutMillis;
    /** Whether a {@code WAIT} is out. */
    private boolean waiting;
    /** The writes that finished while one was out, to be covered by the next {@code WAIT}. */
    private CompletableFuture<Long> next;

    private ReplicaAcks(StatefulRedisConnection<String, String> connection,
            RedisClusterAsyncCommands<String, String> commands, int replicas, Duration timeout) {
        this.connection = connection;
        this.commands = commands;
        this.replicas = replicas;
        this.timeoutMillis = timeout.toMillis();
    }

    /**
     * Caller's writes answered once {@code replicas} replicas have them, or failed when fewer have
     * them after {@code timeout}; zero replicas: on the shared connection, answered as they come.
     *
     * @throws IllegalArgumentException over a Redis Cluster when replicas are asked for, or when
     *                                  {@code timeout} is not shorter than the connection's command timeout
     */
    public static ReplicaAcks open(RedisConnections connections, int replicas, Duration timeout) {
        if (replicas == 0) {
            return new ReplicaAcks(null, connections.commands(), 0, timeout);
        }
        if (connections.isCluster()) {
            throw new IllegalArgumentException("netx.replica-acks=" + replicas + " is invalid over Redis Cluster:"
                    + " it needs a standalone or Sentinel master");
        }
        if (timeout.compareTo(connections.commandTimeout()) >= 0) {
            throw new IllegalArgumentException("netx.replica-ack-timeout=" + timeout + " is invalid: must be shorter"
                    + " than the Redis command timeout " + connections.commandTimeout());
        }
        StatefulRedisConnection<String, String> own = connections.writer();
        return new ReplicaAcks(own, own.async(), replicas, timeout);
    }

    /** Where the caller's writes are sent. */
    public RedisClusterAsyncCommands<String, String> commands() {
        return commands;
    }

    /**
     * {@code write}'s answer, once enough replicas have the write; a {@link RedisException} if fewer
     * have it within the timeout (the master has it: the outcome is unknown).
     */
    public <T> CompletableFuture<T> replicated(CompletableFuture<T> write) {
        if (replicas == 0) {
            return write;
        }
        return write.thenCompose(value -> nextWait().handle((acknowledged, failure) -> {
            if (failure != null) {
                // the write itself was answered: whatever broke the WAIT, Redis has it
                throw new RedisException("written on the master, but whether " + replicas + " replicas have it"
                        + " (netx.replica-acks) is unknown: " + failure, failure);
            }
            if (acknowledged < replicas) {
                throw new RedisException("written on the master, but " + acknowledged + " of the " + replicas
                        + " replicas required (netx.replica-acks) had it after " + timeoutMillis + " ms");
            }
            return value;
        }));
    }

    /** A {@code WAIT} sent after every write that has finished so far. */
    private CompletableFuture<Long> nextWait() {
        CompletableFuture<Long> mine;
        synchronized (this) {
            if (waiting) {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                return next;
            }
            waiting = true;
            mine = new CompletableFuture<>();
        }
        send(mine);
        return mine;
    }

    private void send(CompletableFuture<Long> target) {
        CompletableFuture<Long> sent;
        try {
            sent = commands.waitForReplication(replicas, timeoutMillis).toCompletableFuture();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((acknowledged, failure) -> {
            CompletableFuture<Long> queued;
            synchronized (this) {
                queued = next;
                next = null;
                waiting = queued != null;
            }
            if (queued != null) {
                send(queued);
            }
            if (failure == null) {
                target.complete(acknowledged);
            } else {
                target.completeExceptionally(failure);
            }
        });
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
