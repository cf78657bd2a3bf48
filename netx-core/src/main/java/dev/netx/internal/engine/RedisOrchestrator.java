package dev.netx.internal.engine;

import dev.netx.NetxException;
import dev.netx.NetxOptions;
import dev.netx.Orchestrator;
import dev.netx.Result;
import dev.netx.SagaCall;
import dev.netx.SagaKeyConflictException;
import dev.netx.SagaState;
import dev.netx.SagaStateException;
import dev.netx.SagaPhase;
import dev.netx.Step;
import dev.netx.TimelineEntry;
import dev.netx.internal.redis.KeySpace;
import dev.netx.spi.NetxObserver;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Starts sagas of one orchestrator with the launch script and turns their outcomes into results. */
final class RedisOrchestrator<Q, R> implements Orchestrator<Q, R> {

    private final OrchestratorDefinition definition;
    private final NetxOptions options;
    private final KeySpace keys;
    private final Outcomes outcomes;
    private final Supplier<Runtime> runtime;
    private final NetxObserver observer;
    private final HandlerContexts contexts;
    /** The groups its remote steps call: a start waits on them. */
    private final Set<String> calledGroups;

    /**
     * What a saga needs of the running node, asked for each call: orchestrators are built before the
     * node starts.
     */
    record Runtime(RedisClusterAsyncCommands<String, String> redis, UncertainWrites writes, SagaReader reader,
            OutcomeWatcher watcher, SagaStarts starts, Admission admission, RateLimiter rateLimits) {
    }

    RedisOrchestrator(OrchestratorDefinition definition, NetxOptions options, KeySpace keys, Outcomes outcomes,
            Supplier<Runtime> runtime, NetxObserver observer, HandlerContexts contexts) {
        this.definition = definition;
        this.options = options;
        this.keys = keys;
        this.outcomes = outcomes;
        this.runtime = runtime;
        this.observer = observer;
        this.contexts = contexts;
        this.calledGroups = definition.steps().stream().filter(Step::isRemote).map(Step::group)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public CompletableFuture<Result<R>> saga(Q request, SagaCall call) {
        Runtime node;
        try {
            node = runtime.get();
            node.admission().check(calledGroups);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return launch(node, request, call);
    }

    /**
     * Prepares the start on the caller's thread (its trace context, the encoding), takes the
     * orchestrator's rate permit if it has a limit, and writes the start.
     */
    private CompletableFuture<Result<R>> launch(Runtime node, Q request, SagaCall call) {
        String sagaId;
        int shard;
        String payload;
        String context;
        String headers;
        try {
            sagaId = node.starts().newId(call.key());
            shard = SagaIds.shardOf(sagaId);
            payload = outcomes.encode(request);
            context = ContextValues.encodeInitial(outcomes.codec(), call.context());
            headers = contexts.capture(sagaId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long now = System.currentTimeMillis();
        long deadline = definition.deadline() == null ? 0 : now + definition.deadline().toMillis();
        Step<?, ?> first = definition.step(0);
        OrchestrationMessage message = first.isRemote()
                ? new OrchestrationMessage(OrchestrationMessage.CALL, sagaId, definition.name(), 0, payload, null,
                        context, first.handler(), false, options.group(), deadline, options.group(),
                        options.nodeName(), 1, headers, definition.pin())
                : new OrchestrationMessage(OrchestrationMessage.FORWARD, sagaId, definition.name(), 0, payload, null,
                        context, null, false, null, deadline, options.group(), options.nodeName(), 1, headers,
                        definition.pin());
        String target = keys.inbox(shard, first.isRemote() ? first.group() : options.group());
        List<String> args = new ArrayList<>(30);
        args.add(node.starts().publishId());
        args.add(Long.toString(options.runningRetention().toMillis()));
        args.add(Long.toString(now));
        args.add(options.nodeName());
        args.add(definition.name());
        args.add(Long.toString(deadline));
        args.add(context);
        args.add(options.group());
        args.add(payload == null ? "" : payload);
        args.add(headers == null ? "" : headers);
        args.add(first.isRemote() && deadline > 0 ? Advances.watch(sagaId, 0, first.group()) : "");
        args.add(call.key() == null ? "" : Fingerprints.of(definition.name(), Fingerprints.canonical(payload)));
        args.add(keys.saga(shard, ""));
        args.add(definition.pin());
        args.add(options.history() ? Timeline.encode(TimelineEntry.Event.STARTED, options.group(), options.nodeName(),
                -1, definition.name(), 0, false, SagaState.STARTED.name(), "version " + definition.version()) : "");
        args.addAll(message.toFields());
        List<String> sagaKeys = new ArrayList<>(List.of(keys.saga(shard, sagaId), target,
                keys.deadlines(shard, options.group()), keys.running(shard, options.group()), keys.activeSagas(shard),
                keys.sagaCounts(shard)));
        if (call.key() != null) {
            sagaKeys.add(node.starts().keyRecord(sagaId, call.key()));
        }
        String[] scriptKeys = sagaKeys.toArray(String[]::new);
        String[] scriptArgs = args.toArray(String[]::new);
        if (!node.rateLimits().limitsStarts(definition.name())) {
            return send(node, sagaId, call, scriptKeys, scriptArgs);
        }
        return node.rateLimits().admitStart(definition.name()).thenCompose(refusal -> {
            if (refusal == null) {
                return send(node, sagaId, call, scriptKeys, scriptArgs);
            }
            if (call.key() == null) {
                return CompletableFuture.failedFuture(refusal);
            }
            // a retry of a keyed call whose saga exists is answered as without the limit: the launch
            // script answers with that saga (or a conflict) and starts none
            return node.starts().find(node.redis(), call.key()).thenCompose(held -> held.isPresent()
                    ? send(node, sagaId, call, scriptKeys, scriptArgs) : CompletableFuture.failedFuture(refusal));
        });
    }

    private CompletableFuture<Result<R>> send(Runtime node, String sagaId, SagaCall call, String[] scriptKeys,
            String[] scriptArgs) {
        // waiting starts before the launch: a saga of local steps may finish before its launch's reply
        CompletableFuture<SagaRecord> outcome = node.watcher().awaitStarted(sagaId, call.timeout());
        return node.writes().<String>send(
                redis -> Scripts.LAUNCH.run(redis, ScriptOutputType.STATUS, scriptKeys, scriptArgs),
                "start of saga " + sagaId, sagaId,
                options.writeRetry().compareTo(call.timeout()) < 0 ? options.writeRetry() : call.timeout(),
                UncertainWrites.size(scriptArgs))
                .thenCompose(status -> {
                    if (status != null && status.startsWith("KEY:")) {
                        // a retry of a keyed call: the caller gets the result of the saga holding the key
                        node.watcher().stopWaiting(sagaId, outcome);
                        return node.watcher().await(status.substring(4), call.timeout());
                    }
                    if (status != null && status.startsWith("CONFLICT:")) {
                        throw new SagaKeyConflictException(call.key(), status.substring(9));
                    }
                    if (!"OK".equals(status) && !"DUP".equals(status)) {
                        throw new NetxException("unexpected reply from Redis to the start of saga " + sagaId + ": "
                                + status);
                    }
                    observer.published(SagaPhase.START, definition.name());
                    node.watcher().launched(sagaId, outcome);
                    return outcome;
                })
                .whenComplete((result, failure) -> {
                    if (failure != null && !outcome.isDone()) {
                        node.watcher().stopWaiting(sagaId, outcome);
                    }
                })
                .thenApply(this::toResult);
    }

    @Override
    public CompletableFuture<Result<R>> result(String sagaId) {
        Runtime node;
        try {
            node = runtime.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return node.reader().read(sagaId).thenApply(record -> {
            if (!record.isFinished()) {
                throw new SagaStateException(sagaId, record.state().name(), SagaPhase.COMMIT);
            }
            return toResult(record);
        });
    }

    @SuppressWarnings("unchecked")
    private Result<R> toResult(SagaRecord record) {
        if (record.state() == SagaState.COMMITTED) {
            Type type = definition.steps().get(definition.steps().size() - 1).output().type();
            R value = record.result() == null || record.result().isEmpty() ? null
                    : (R) outcomes.codec().decode(record.result(), type);
            return new Result<>(record.sagaId(), value, null);
        }
        Throwable failure = record.failure() != null ? record.failure()
                : new NetxException("saga " + record.sagaId() + " was rolled back: " + record.cause());
        return new Result<>(record.sagaId(), null, failure);
    }
}
