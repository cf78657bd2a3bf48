package dev.netx.internal.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Holds a write's answer back until enough replicas have it (Redis {@code WAIT}), so that a failover
 * right after the answer cannot lose what the caller was told is written.
 *
 * <p>{@code WAIT} counts every earlier write of the connection it is sent on, so it goes on the
 * shared connection, and the writes that finish while one {@code WAIT} is out share the next one:
 * a burst of writes costs two {@code WAIT}s, not one each.
 */
public final class ReplicaAcks {

    private static final ReplicaAcks NONE = new ReplicaAcks(null, 0, Duration.ZERO);

    private final RedisClusterAsyncCommands<String, String> commands;
    private final int replicas;
    private final long timeoutMillis;
    /** Whether a {@code WAIT} is out. */
    private boolean waiting;
    /** The writes that finished while one was out, to be covered by the next {@code WAIT}. */
    private CompletableFuture<Long> next;

    private ReplicaAcks(RedisClusterAsyncCommands<String, String> commands, int replicas, Duration timeout) {
        this.commands = commands;
        this.replicas = replicas;
        this.timeoutMillis = timeout.toMillis();
    }

    /**
     * Writes on {@code commands} (a connection to a master, not a cluster) answer once {@code replicas}
     * replicas have them, or fail when fewer have them after {@code timeout}. Zero replicas: answers
     * are not held back.
     */
    public static ReplicaAcks of(RedisClusterAsyncCommands<String, String> commands, int replicas, Duration timeout) {
        return replicas == 0 ? NONE : new ReplicaAcks(commands, replicas, timeout);
    }

    /**
     * {@code write}'s answer, once enough replicas have the write; a {@link RedisException} if fewer
     * have it within the timeout (the master has it: the outcome is unknown).
     */
    public <T> CompletableFuture<T> replicated(CompletableFuture<T> write) {
        if (replicas == 0) {
            return write;
        }
        return write.thenCompose(value -> nextWait().thenApply(acknowledged -> {
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
}
