package dev.netx.internal.engine;

import dev.netx.SagaNotFoundException;
import dev.netx.SagaState;
import dev.netx.internal.codec.ExceptionEnvelopes;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.CompletableFuture;

/** Reads a saga's state from Redis, from any node. */
final class SagaReader {

    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final ExceptionEnvelopes envelopes;

    SagaReader(KeySpace keys, RedisClusterAsyncCommands<String, String> redis, ExceptionEnvelopes envelopes) {
        this.keys = keys;
        this.redis = redis;
        this.envelopes = envelopes;
    }

    CompletableFuture<Boolean> exists(String sagaId) {
        int shard;
        try {
            shard = SagaIds.shardOf(sagaId);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return redis.exists(keys.saga(shard, sagaId)).toCompletableFuture().thenApply(n -> n > 0)
                .exceptionallyCompose(failure -> RedisSagaManager.refused("reading saga " + sagaId, failure));
    }

    /** The saga's state; fails with {@link SagaNotFoundException} when Redis has none. */
    CompletableFuture<SagaRecord> read(String sagaId) {
        int shard;
        try {
            shard = SagaIds.shardOf(sagaId);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return redis.hmget(keys.saga(shard, sagaId), "st", "c", "x", "r").toCompletableFuture()
                .exceptionallyCompose(failure -> RedisSagaManager.refused("reading saga " + sagaId, failure))
                .thenApply(values -> {
                    String state = values.get(0).getValueOrElse(null);
                    if (state == null) {
                        throw new SagaNotFoundException(sagaId);
                    }
                    return record(sagaId, SagaState.valueOf(state), values.get(1).getValueOrElse(null),
                            values.get(2).getValueOrElse(null), values.get(3).getValueOrElse(null));
                });
    }

    /** A saga's state from its stored parts; an empty cause or failure is none. */
    SagaRecord record(String sagaId, SagaState state, String cause, String failure, String result) {
        return new SagaRecord(sagaId, state, cause == null || cause.isEmpty() ? null : cause,
                failure == null || failure.isEmpty() ? null : envelopes.decode(failure), result);
    }
}
