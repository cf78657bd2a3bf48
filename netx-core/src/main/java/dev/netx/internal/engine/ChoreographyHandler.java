package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.SagaListener;
import dev.netx.SagaState;
import dev.netx.TimelineEntry;
import dev.netx.SagaPhase;
import dev.netx.internal.redis.KeySpace;
import dev.netx.spi.HandlerCall;
import dev.netx.spi.NetxObserver;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles choreography messages: finds the group's listener, runs it on the handler executor and
 * finishes the message with one transition script. A message it cannot handle is left pending with
 * its reason, to be retried by the orphan claimer and dead-lettered after the last delivery.
 */
final class ChoreographyHandler {

    private static final Logger log = LoggerFactory.getLogger(ChoreographyHandler.class);

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final ListenerRegistry listeners;
    private final Outcomes outcomes;
    private final Executor executor;
    private final Deliveries deliveries;
    private final CompensationLeases leases;
    private final NetxObserver observer;
    private final HandlerContexts contexts;
    private final OutOfMemoryRetries retries;

    ChoreographyHandler(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis,
            ListenerRegistry listeners, Outcomes outcomes, Executor executor, Deliveries deliveries,
            CompensationLeases leases, NetxObserver observer, HandlerContexts contexts, OutOfMemoryRetries retries) {
        this.retries = retries;
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.listeners = listeners;
        this.outcomes = outcomes;
        this.executor = executor;
        this.deliveries = deliveries;
        this.leases = leases;
        this.observer = observer;
        this.contexts = contexts;
    }

    /** Handles a tracked delivery; returns at once. */
    void handle(Delivery delivery) {
        SagaMessage message;
        try {
            message = SagaMessage.parse(delivery.fields());
        } catch (IllegalArgumentException e) {
            deliveries.leave(delivery, "undecodable message: " + e.getMessage(), null);
            return;
        }
        SagaListener<?> listener = listeners.find(message.phase(), message.eventType());
        if (listener == null) {
            deliveries.ack(delivery);
            return;
        }
        if (message.phase() == SagaPhase.ROLLBACK) {
            // a compensation runs only in a group that took part, once
            leases.begin(delivery, message.sagaId(), idempotencyKey(message), true,
                    () -> run(delivery, message, listener));
            return;
        }
        run(delivery, message, listener);
    }

    String idempotencyKey(SagaMessage message) {
        return message.sagaId() + ":" + options.group() + ":" + message.phase().name().toLowerCase(Locale.ROOT);
    }

    private <E> void run(Delivery delivery, SagaMessage message, SagaListener<E> listener) {
        ReceivedEvent<E> event;
        try {
            event = new ReceivedEvent<>(message, listener.eventType(), outcomes.codec(), options.group(),
                    delivery.deliveryCount());
        } catch (RuntimeException e) {
            deliveries.leave(delivery, "event does not decode as " + listener.eventType().getName() + ": "
                    + e.getMessage(),
                    message.sagaId());
            return;
        }
        try {
            executor.execute(() -> {
                long started = System.nanoTime();
                CompletionStage<?> stage;
                String headers = null;
                HandlerContexts.Handling handling = contexts.enter(new HandlerCall(message.sagaId(),
                        HandlerCall.Kind.of(message.phase()), message.eventType(), options.group()),
                        message.headers());
                try {
                    // what this listener publishes when it finishes continues its trace
                    headers = contexts.capture(message.sagaId());
                    log.debug("saga {}: {} {} in group {}", message.sagaId(), message.phase(), message.eventType(),
                            options.group());
                    stage = listener.handler().handle(event);
                    if (stage == null) {
                        stage = CompletableFuture.failedFuture(new IllegalStateException("the " + message.phase()
                                + " listener of " + listener.eventType().getName() + " in group " + options.group()
                                + " returned null instead of a CompletionStage"));
                    }
                } catch (Throwable t) {
                    stage = CompletableFuture.failedFuture(t);
                } finally {
                    handling.close();
                }
                String nextHeaders = headers;
                stage.whenComplete((value, failure) -> {
                    Throwable cause = unwrap(failure);
                    handling.finished(cause, () -> {
                        observer.handled(message.phase(), message.eventType(),
                                Duration.ofNanos(System.nanoTime() - started), cause);
                        finish(delivery, message, listener, value, cause, nextHeaders);
                    });
                });
            });
        } catch (RuntimeException rejected) {
            deliveries.leave(delivery, "handler executor rejected the message: " + rejected, message.sagaId());
        }
    }

    /** The state a transition's action leads to, or {@code null} for none (an acknowledgement). */
    private static String stateAfter(String action) {
        return switch (action) {
            case "J" -> SagaState.JOINED.name();
            case "C" -> SagaState.COMMITTED.name();
            case "R" -> SagaState.ROLLED_BACK.name();
            default -> null;
        };
    }

    private void finish(Delivery delivery, SagaMessage message, SagaListener<?> listener, Object value,
            Throwable failure, String headers) {
        Transition transition;
        try {
            transition = outcomes.transition(message, listener, value, failure, headers);
        } catch (RuntimeException e) {
            transition = outcomes.rollback(message, e, headers);
        }
        if (transition == null) {
            log.warn("saga {}: {} listener of group {} failed, will retry after {}: {}", message.sagaId(),
                    message.phase(), options.group(), options.orphanTimeout(), String.valueOf(failure));
            deliveries.leave(delivery, "rollback listener failed: " + failure, message.sagaId());
            return;
        }
        boolean compensation = message.phase() == SagaPhase.ROLLBACK;
        String key = idempotencyKey(message);
        int shard = delivery.shard();
        String[] scriptKeys = {delivery.stream(), keys.events(shard), keys.saga(shard, message.sagaId()),
            keys.lease(shard, key), keys.inbox(shard, options.group()), keys.rolledBack(shard),
            keys.activeSagas(shard), keys.sagaCounts(shard), keys.lastRolledBack(shard)};
        List<String> args = new ArrayList<>(24);
        args.add(options.group());
        args.add(options.nodeName());
        args.add(delivery.id());
        args.add(transition.action());
        args.add(Scripts.retention(options));
        args.add(keys.outcomeChannelPrefix());
        args.add(message.sagaId());
        args.add(compensation ? key : "");
        args.add(transition.next() != null && transition.next().cause() != null ? transition.next().cause() : "");
        args.add(transition.next() != null && transition.next().failure() != null ? transition.next().failure() : "");
        args.add(message.phase().code());
        args.add(message.eventType());
        args.add(message.payload() == null ? "" : message.payload());
        args.add(message.headers() == null ? "" : message.headers());
        if (options.history()) {
            args.add(Timeline.handledField(delivery.id(), options.group()));
            args.add(Timeline.encode(compensation ? TimelineEntry.Event.COMPENSATION : TimelineEntry.Event.LISTENER,
                    options.group(), options.nodeName(), -1, message.eventType(), delivery.deliveryCount(),
                    failure != null, stateAfter(transition.action()), failure == null
                            ? message.phase().name().toLowerCase(Locale.ROOT) : String.valueOf(failure)));
        } else {
            args.addAll(List.of("", ""));
        }
        if (transition.next() != null) {
            args.addAll(transition.next().toFields());
        }
        Transition finalTransition = transition;
        String[] scriptArgs = args.toArray(String[]::new);
        retries.send(() -> Scripts.TRANSITION.<String>run(redis, ScriptOutputType.STATUS, scriptKeys, scriptArgs))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.warn("saga {}: could not finish {} in group {}, it stays pending: {}", message.sagaId(),
                                message.phase(), options.group(), error.toString());
                    } else if ("OK".equals(result) && finalTransition.next() != null) {
                        observer.published(finalTransition.next().phase(), finalTransition.next().eventType());
                    } else if ("ROLLED_BACK".equals(result)) {
                        log.debug("saga {}: group {} found the saga rolled back already", message.sagaId(),
                                options.group());
                    } else if ("LATE".equals(result)) {
                        log.info("saga {}: group {} finished {} after the saga was rolled back: its rollback is"
                                + " queued", message.sagaId(), options.group(), message.phase());
                    } else if (!"OK".equals(result)) {
                        log.warn("saga {}: {} in group {} finished as {}", message.sagaId(), message.phase(),
                                options.group(), result);
                    }
                    deliveries.done(delivery);
                });
    }

    static Throwable unwrap(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
