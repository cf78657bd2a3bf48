package dev.netx.internal.engine;

import dev.netx.SagaKeys;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The ids of new sagas, and where their saga keys live: a keyed saga is put on its key's shard, so
 * that the start script can check and take the key in the same atomic step that creates the saga.
 */
final class SagaStarts {

    private final KeySpace keys;
    private final SagaIds ids;
    private final int keyShards;

    SagaStarts(KeySpace keys, SagaIds ids, int keyShards) {
        this.keys = keys;
        this.ids = ids;
        this.keyShards = keyShards;
    }

    /** A new saga id; on the key's shard when {@code key} is not {@code null}. */
    String newId(String key) {
        return key == null ? ids.next() : ids.forKey(key, keyShards);
    }

    /** A fresh id for one publish (see {@link SagaIds#publishId()}). */
    String publishId() {
        return ids.publishId();
    }

    /** The record of a key, on the shard of {@code sagaId}, a saga id made for that key. */
    String keyRecord(String sagaId, String key) {
        return keys.sagaKey(SagaIds.shardOf(sagaId), key);
    }

    /** The saga holding a key, if its state still exists. */
    CompletableFuture<Optional<String>> find(RedisClusterAsyncCommands<String, String> redis, String key) {
        String record;
        try {
            record = keys.sagaKey(SagaIds.shardOfKey(SagaKeys.require(key), keyShards), key);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return redis.get(record).toCompletableFuture().thenCompose(held -> {
            int bar = held == null ? -1 : held.lastIndexOf('|');
            if (bar <= 0) {
                return CompletableFuture.completedFuture(Optional.<String>empty());
            }
            String sagaId = held.substring(0, bar);
            return redis.exists(keys.saga(SagaIds.shardOf(sagaId), sagaId)).toCompletableFuture()
                    .thenApply(count -> count > 0 ? Optional.of(sagaId) : Optional.<String>empty());
        });
    }
}
