package dev.netx.internal.engine;

import dev.netx.NetxException;
import dev.netx.NetxOptions;
import dev.netx.RedisRefusedException;
import dev.netx.SagaKeyConflictException;
import dev.netx.SagaKeys;
import dev.netx.SagaManager;
import dev.netx.SagaNotFoundException;
import dev.netx.SagaOutcome;
import dev.netx.SagaPhase;
import dev.netx.SagaState;
import dev.netx.SagaStateException;
import dev.netx.TimelineEntry;
import dev.netx.internal.redis.KeySpace;
import dev.netx.spi.NetxObserver;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Publishes choreography events with the publish script: checked against the saga's state,
 * recorded with the publisher's group, and idempotent under a reconnect's replay.
 */
final class RedisSagaManager implements SagaManager {

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final UncertainWrites writes;
    private final Outcomes outcomes;
    private final SagaStarts starts;
    private final Admission admission;
    private final SagaReader reader;
    private final OutcomeWatcher watcher;
    private final NetxObserver observer;
    private final HandlerContexts contexts;

    RedisSagaManager(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis,
            UncertainWrites writes, Outcomes outcomes, SagaStarts starts, Admission admission, SagaReader reader, OutcomeWatcher watcher, NetxObserver observer,
            HandlerContexts contexts) {
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.writes = writes;
        this.outcomes = outcomes;
        this.starts = starts;
        this.admission = admission;
        this.reader = reader;
        this.watcher = watcher;
        this.observer = observer;
        this.contexts = contexts;
    }

    @Override
    public CompletableFuture<String> start(Object event) {
        return publish(null, SagaPhase.START, event, null, null);
    }

    @Override
    public CompletableFuture<String> start(String key, Object event) {
        try {
            SagaKeys.require(key);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return publish(null, SagaPhase.START, event, null, key);
    }

    @Override
    public CompletableFuture<Optional<String>> findByKey(String key) {
        return starts.find(redis, key);
    }

    @Override
    public CompletableFuture<String> join(String sagaId, Object event) {
        return publish(sagaId, SagaPhase.JOIN, event, null, null);
    }

    @Override
    public CompletableFuture<String> commit(String sagaId, Object event) {
        return publish(sagaId, SagaPhase.COMMIT, event, null, null);
    }

    @Override
    public CompletableFuture<String> rollback(String sagaId, String cause, Object event) {
        return publish(sagaId, SagaPhase.ROLLBACK, event, cause == null ? "" : cause, null);
    }

    @Override
    public CompletableFuture<Boolean> exists(String sagaId) {
        return reader.exists(sagaId);
    }

    @Override
    public CompletableFuture<SagaOutcome> outcome(String sagaId) {
        return reader.read(sagaId).thenApply(SagaRecord::outcome);
    }

    @Override
    public CompletableFuture<SagaOutcome> awaitOutcome(String sagaId, Duration timeout) {
        try {
            SagaIds.shardOf(sagaId);
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return watcher.await(sagaId, timeout).thenApply(SagaRecord::outcome);
    }

    private static SagaState stateAfter(SagaPhase phase) {
        return switch (phase) {
            case START -> SagaState.STARTED;
            case JOIN -> SagaState.JOINED;
            case COMMIT -> SagaState.COMMITTED;
            case ROLLBACK -> SagaState.ROLLED_BACK;
        };
    }

    private CompletableFuture<String> publish(String existingId, SagaPhase phase, Object event, String cause,
            String key) {
        String sagaId;
        int shard;
        SagaMessage message;
        try {
            if (phase == SagaPhase.START) {
                admission.check(Set.of());
            }
            sagaId = existingId == null ? starts.newId(key) : existingId;
            shard = SagaIds.shardOf(sagaId);
            message = outcomes.message(sagaId, phase, event, cause, contexts.capture(sagaId));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<String> sagaKeys = new ArrayList<>(List.of(keys.saga(shard, sagaId), keys.events(shard),
                keys.rolledBack(shard), keys.activeSagas(shard), keys.sagaCounts(shard), keys.lastRolledBack(shard)));
        if (key != null) {
            sagaKeys.add(starts.keyRecord(sagaId, key));
        }
        String[] scriptKeys = sagaKeys.toArray(String[]::new);
        String publishId = starts.publishId();
        List<String> args = new ArrayList<>(24);
        args.add(phase.code());
        args.add(publishId);
        args.add(Scripts.retention(options));
        args.add(Long.toString(System.currentTimeMillis()));
        args.add(options.group());
        args.add(options.nodeName());
        args.add(keys.outcomeChannelPrefix());
        args.add(sagaId);
        args.add(cause == null ? "" : cause);
        args.add(key == null ? "" : Fingerprints.of(message.eventType(), Fingerprints.canonical(message.payload())));
        args.add(keys.saga(shard, ""));
        if (options.history()) {
            args.add(Timeline.PREFIX + "p:" + publishId);
            args.add(Timeline.encode(phase == SagaPhase.START ? TimelineEntry.Event.STARTED
                    : TimelineEntry.Event.PUBLISHED, options.group(), options.nodeName(), -1, message.eventType(), 0,
                    phase == SagaPhase.ROLLBACK, stateAfter(phase).name(), phase == SagaPhase.ROLLBACK ? cause
                    : phase.name().toLowerCase(Locale.ROOT)));
        } else {
            args.addAll(List.of("", ""));
        }
        args.addAll(message.toFields());
        String[] scriptArgs = args.toArray(String[]::new);
        return writes.<String>send(
                redis -> Scripts.PUBLISH.run(redis, ScriptOutputType.STATUS, scriptKeys, scriptArgs),
                phase + " of saga " + sagaId, sagaId, options.writeRetry(), UncertainWrites.size(scriptArgs))
                .thenApply(result -> {
                    if ("OK".equals(result)) {
                        observer.published(phase, message.eventType());
                        return sagaId;
                    }
                    if ("DUP".equals(result) || "NOOP".equals(result)) {
                        return sagaId;
                    }
                    if (result != null && result.startsWith("KEY:")) {
                        return result.substring(4);
                    }
                    if (result != null && result.startsWith("CONFLICT:")) {
                        throw new SagaKeyConflictException(key, result.substring(9));
                    }
                    if ("NOT_FOUND".equals(result)) {
                        throw new SagaNotFoundException(sagaId);
                    }
                    if (result != null && result.startsWith("STATE:")) {
                        throw new SagaStateException(sagaId, result.substring(6), phase);
                    }
                    throw new NetxException("unexpected reply from Redis to " + phase + " of saga " + sagaId + ": "
                            + result);
                });
    }

    static <T> CompletableFuture<T> refused(String operation, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RedisException) {
            return CompletableFuture.failedFuture(new RedisRefusedException(operation, cause));
        }
        return CompletableFuture.failedFuture(cause);
    }
}
