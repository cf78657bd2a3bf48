package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.SagaPhase;
import dev.netx.SagaState;
import dev.netx.TimelineEntry;
import dev.netx.internal.redis.KeySpace;
import dev.netx.spi.NetxObserver;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the advance script that finishes an orchestration message, then lets the message go. */
final class Advances {

    private static final Logger log = LoggerFactory.getLogger(Advances.class);

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final Deliveries deliveries;
    private final NetxObserver observer;
    private final Orchestrations orchestrations;
    private final OutOfMemoryRetries retries;

    Advances(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis,
            Deliveries deliveries, NetxObserver observer, Orchestrations orchestrations, OutOfMemoryRetries retries) {
        this.retries = retries;
        this.orchestrations = orchestrations;
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.deliveries = deliveries;
        this.observer = observer;
    }

    /** The start of a deadline watch: {@code <saga>|<step>|<participant group>}; the scripts add the call's entry id. */
    static String watch(String sagaId, int step, String participantGroup) {
        return sagaId + "|" + step + "|" + participantGroup;
    }

    /** Finishes the handled message with the advance, and records it in the saga's timeline. */
    void run(Delivery delivery, OrchestrationMessage handled, Advance advance) {
        String sagaId = handled.sagaId();
        int shard = delivery.shard();
        String target = advance.targetGroup() == null ? delivery.stream() : keys.inbox(shard, advance.targetGroup());
        OrchestrationMessage next = advance.next();
        // a call with a deadline is watched until its participant replies (see the sweep script)
        boolean watch = next != null && next.deadline() > 0 && !next.compensating()
                && OrchestrationMessage.CALL.equals(next.kind());
        boolean unwatch = next != null && next.deadline() > 0 && !next.compensating()
                && OrchestrationMessage.REPLY.equals(next.kind());
        String watches = watch ? keys.deadlines(shard, options.group())
                : unwatch ? keys.deadlines(shard, advance.targetGroup()) : keys.saga(shard, sagaId);
        String[] scriptKeys = {delivery.stream(), target, keys.saga(shard, sagaId),
            keys.lease(shard, advance.doneKey().isEmpty() ? sagaId : advance.doneKey()), watches,
            keys.running(shard, options.group()), keys.activeSagas(shard), keys.sagaCounts(shard),
            keys.lastRolledBack(shard)};
        List<String> args = new ArrayList<>(40);
        args.add(options.group());
        args.add(options.nodeName());
        args.add(delivery.id());
        args.add(Scripts.retention(options));
        args.add(keys.outcomeChannelPrefix());
        args.add(sagaId);
        args.add(advance.expected());
        args.add(advance.newState());
        args.add(advance.context() == null ? "" : advance.context());
        args.add(advance.doneKey());
        args.add(advance.result());
        args.add(advance.failure());
        args.add(advance.cause());
        args.add(advance.fillField());
        args.add(next != null && next.compensating() ? "1" : "0");
        if (watch) {
            args.addAll(List.of("+", watch(sagaId, next.step(), advance.targetGroup()), Long.toString(next.deadline())));
        } else if (unwatch) {
            args.addAll(List.of("-", watch(sagaId, next.step(), options.group()) + "|" + delivery.id(), ""));
        } else {
            args.addAll(List.of("", "", ""));
        }
        if (options.history()) {
            args.add(Timeline.handledField(delivery.id(), options.group()));
            args.add(entry(delivery, handled, advance));
        } else {
            args.addAll(List.of("", ""));
        }
        args.add(Integer.toString(advance.stored().size() / 2));
        args.addAll(advance.stored());
        if (next != null) {
            args.addAll(next.toFields());
        }
        String[] scriptArgs = args.toArray(String[]::new);
        retries.send(() -> Scripts.ADVANCE.<String>run(redis, ScriptOutputType.STATUS, scriptKeys, scriptArgs))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.warn("saga {}: could not finish message {}, it stays pending: {}", sagaId, delivery.id(),
                                error.toString());
                    } else if ("OK".equals(result)) {
                        if (SagaState.COMMITTED.name().equals(advance.newState())) {
                            observer.published(SagaPhase.COMMIT, "");
                        } else if (SagaState.ROLLED_BACK.name().equals(advance.newState())) {
                            observer.published(SagaPhase.ROLLBACK, "");
                        }
                    } else {
                        log.warn("saga {}: message {} finished as {}", sagaId, delivery.id(), result);
                    }
                    deliveries.done(delivery);
                });
    }

    /** The timeline entry of a handled message: what ran, and how it ended. */
    private String entry(Delivery delivery, OrchestrationMessage handled, Advance advance) {
        TimelineEntry.Event event = switch (handled.kind()) {
            case OrchestrationMessage.FORWARD -> TimelineEntry.Event.STEP;
            case OrchestrationMessage.BACKWARD -> TimelineEntry.Event.COMPENSATION;
            case OrchestrationMessage.CALL -> handled.compensating() ? TimelineEntry.Event.COMPENSATION
                    : TimelineEntry.Event.CALL;
            case OrchestrationMessage.DEADLINE -> TimelineEntry.Event.DEADLINE;
            default -> TimelineEntry.Event.REPLY;
        };
        String name = handled.handler();
        if (name == null) {
            OrchestratorDefinition definition = orchestrations.orchestrator(handled.orchestrator(), handled.version());
            name = definition != null && handled.step() >= 0 && handled.step() < definition.stepNames().size()
                    ? definition.stepNames().get(handled.step()) : "";
        }
        OrchestrationMessage next = advance.next();
        String failure = !advance.failure().isEmpty() ? advance.failure()
                : OrchestrationMessage.CALL.equals(handled.kind()) && next != null ? next.failure()
                : OrchestrationMessage.REPLY.equals(handled.kind()) ? handled.failure() : null;
        String detail = Timeline.summary(failure);
        if (detail == null && !advance.cause().isEmpty()) {
            detail = advance.cause();
        }
        return Timeline.encode(event, options.group(), options.nodeName(), handled.step(), name,
                delivery.deliveryCount(), failure != null && !failure.isEmpty(), advance.newState(), detail);
    }
}
