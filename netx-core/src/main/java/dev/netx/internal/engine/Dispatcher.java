package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.SagaListener;
import dev.netx.SagaPhase;
import dev.netx.internal.redis.KeySpace;
import dev.netx.spi.NetxObserver;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Handles each delivered message: finds the group's listener, runs it on the handler executor and
 * finishes the message with one transition script. A message it cannot handle is left pending with
 * its reason, to be retried by the orphan claimer and dead-lettered after the last delivery.
 * Holds one backpressure permit per message until the message is finished or left.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final NetxOptions options;
    private final KeySpace keys;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final ListenerRegistry listeners;
    private final Outcomes outcomes;
    private final Executor executor;
    private final Permits permits;
    private final NetxObserver observer;
    private final Map<String, Delivery> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final Map<String, String> leases = new ConcurrentHashMap<>();

    Dispatcher(NetxOptions options, KeySpace keys, RedisClusterAsyncCommands<String, String> redis,
            ListenerRegistry listeners, Outcomes outcomes, Executor executor, Permits permits, NetxObserver observer) {
        this.options = options;
        this.keys = keys;
        this.redis = redis;
        this.listeners = listeners;
        this.outcomes = outcomes;
        this.executor = executor;
        this.permits = permits;
        this.observer = observer;
    }

    /** Takes a delivery whose permit the caller holds; returns at once. */
    void dispatch(Delivery delivery) {
        if (inFlight.putIfAbsent(delivery.key(), delivery) != null) {
            permits.release(1);
            return;
        }
        startedAt.put(delivery.key(), System.nanoTime());
        if (delivery.fields().isEmpty()) {
            ack(delivery);
            return;
        }
        SagaMessage message;
        try {
            message = SagaMessage.parse(delivery.fields());
        } catch (IllegalArgumentException e) {
            leave(delivery, "undecodable message: " + e.getMessage(), null);
            return;
        }
        SagaListener<?> listener = listeners.find(message.phase(), message.eventType());
        if (listener == null) {
            ack(delivery);
            return;
        }
        if (message.phase() == SagaPhase.ROLLBACK) {
            begin(delivery, message, listener);
            return;
        }
        run(delivery, message, listener);
    }

    /**
     * A compensation runs only in a group that took part, only if its idempotency key is not yet
     * recorded as done, and only on the node holding its lease.
     */
    private void begin(Delivery delivery, SagaMessage message, SagaListener<?> listener) {
        String key = idempotencyKey(message);
        String lease = keys.lease(delivery.shard(), key);
        String[] scriptKeys = {keys.saga(delivery.shard(), message.sagaId()), keys.done(delivery.shard(), message.sagaId()),
            lease};
        Scripts.BEGIN.<String>run(redis, ScriptOutputType.STATUS, scriptKeys, options.group(), key, options.nodeName(),
                Long.toString(options.orphanTimeout().toMillis())).whenComplete((verdict, failure) -> {
                    if (failure != null) {
                        leave(delivery, "cannot begin compensation: " + failure, message.sagaId());
                    } else if ("RUN".equals(verdict)) {
                        leases.put(delivery.key(), lease);
                        run(delivery, message, listener);
                    } else if (verdict.startsWith("BUSY")) {
                        log.info("saga {}: compensation {} is running on {}, leaving it", message.sagaId(), key,
                                verdict.substring(5));
                        done(delivery);
                    } else {
                        log.debug("saga {}: compensation {} not run: {}", message.sagaId(), key, verdict);
                        ack(delivery);
                    }
                });
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
            leave(delivery, "event does not decode as " + listener.eventType().getName() + ": " + e.getMessage(),
                    message.sagaId());
            return;
        }
        try {
            executor.execute(() -> {
                long started = System.nanoTime();
                CompletionStage<?> stage;
                MDC.put("sagaId", message.sagaId());
                try {
                    log.debug("saga {}: {} {} in group {}", message.sagaId(), message.phase(), message.eventType(),
                            options.group());
                    stage = listener.handler().handle(event);
                } catch (Throwable t) {
                    stage = CompletableFuture.failedFuture(t);
                } finally {
                    MDC.remove("sagaId");
                }
                stage.whenComplete((value, failure) -> {
                    Throwable cause = unwrap(failure);
                    observer.handled(message.phase(), message.eventType(),
                            Duration.ofNanos(System.nanoTime() - started), cause);
                    finish(delivery, message, listener, value, cause);
                });
            });
        } catch (RuntimeException rejected) {
            leave(delivery, "handler executor rejected the message: " + rejected, message.sagaId());
        }
    }

    private void finish(Delivery delivery, SagaMessage message, SagaListener<?> listener, Object value,
            Throwable failure) {
        Transition transition;
        try {
            transition = outcomes.transition(message, listener, value, failure);
        } catch (RuntimeException e) {
            transition = outcomes.rollback(message, e);
        }
        if (transition == null) {
            log.warn("saga {}: {} listener of group {} failed, will retry after {}: {}", message.sagaId(),
                    message.phase(), options.group(), options.orphanTimeout(), String.valueOf(failure));
            leave(delivery, "rollback listener failed: " + failure, message.sagaId());
            return;
        }
        boolean compensation = message.phase() == SagaPhase.ROLLBACK;
        String key = idempotencyKey(message);
        String[] scriptKeys = {delivery.stream(), keys.events(delivery.shard()),
            keys.saga(delivery.shard(), message.sagaId()), keys.done(delivery.shard(), message.sagaId()),
            keys.lease(delivery.shard(), key), keys.inbox(delivery.shard(), options.group())};
        List<String> args = new ArrayList<>(24);
        args.add(options.group());
        args.add(options.nodeName());
        args.add(delivery.id());
        args.add(transition.action());
        args.add(Long.toString(options.retention().toMillis()));
        args.add(keys.outcomeChannelPrefix());
        args.add(message.sagaId());
        args.add(compensation ? key : "");
        args.add(transition.next() != null && transition.next().cause() != null ? transition.next().cause() : "");
        args.add(transition.next() != null && transition.next().failure() != null ? transition.next().failure() : "");
        args.add(message.phase().code());
        args.add(message.eventType());
        args.add(message.payload() == null ? "" : message.payload());
        if (transition.next() != null) {
            args.addAll(transition.next().toFields());
        }
        Transition finalTransition = transition;
        Scripts.TRANSITION.<String>run(redis, ScriptOutputType.STATUS, scriptKeys, args.toArray(String[]::new))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.warn("saga {}: could not finish {} in group {}, it stays pending: {}", message.sagaId(),
                                message.phase(), options.group(), error.toString());
                    } else if ("OK".equals(result) && finalTransition.next() != null) {
                        observer.published(finalTransition.next().phase(), finalTransition.next().eventType());
                    } else if ("LATE".equals(result)) {
                        log.info("saga {}: group {} finished {} after the saga was rolled back: its rollback is"
                                + " queued", message.sagaId(), options.group(), message.phase());
                    } else if (!"OK".equals(result)) {
                        log.warn("saga {}: {} in group {} finished as {}", message.sagaId(), message.phase(),
                                options.group(), result);
                    }
                    done(delivery);
                });
    }

    private void ack(Delivery delivery) {
        redis.xack(delivery.stream(), options.group(), delivery.id()).whenComplete((n, error) -> {
            if (error != null) {
                log.warn("could not acknowledge {} {}, it stays pending: {}", delivery.stream(), delivery.id(),
                        error.toString());
            }
            done(delivery);
        });
    }

    /** Leaves a message pending, with why, for the claimer to retry or dead-letter. */
    private void leave(Delivery delivery, String reason, String sagaId) {
        log.warn("saga {}: message {} on {} left pending for retry: {}", sagaId, delivery.id(), delivery.stream(),
                reason);
        long ttl = options.orphanTimeout().toMillis() * (options.maxDeliveries() + 2L);
        redis.set(keys.failurePrefix(delivery.shard(), options.group()) + delivery.id(), reason,
                SetArgs.Builder.px(ttl)).whenComplete((ok, error) -> done(delivery));
    }

    private void done(Delivery delivery) {
        startedAt.remove(delivery.key());
        leases.remove(delivery.key());
        if (inFlight.remove(delivery.key()) != null) {
            permits.release(1);
        }
    }

    /** Messages in flight for longer than {@code nanos}, for claim refreshing. */
    List<Delivery> runningLongerThan(long nanos) {
        long now = System.nanoTime();
        List<Delivery> result = new ArrayList<>();
        startedAt.forEach((key, started) -> {
            Delivery delivery = inFlight.get(key);
            if (delivery != null && now - started > nanos) {
                result.add(delivery);
            }
        });
        return result;
    }

    /** The compensation lease a running delivery holds, or {@code null}. */
    String leaseOf(Delivery delivery) {
        return leases.get(delivery.key());
    }

    boolean isInFlight(String stream, String id) {
        return inFlight.containsKey(stream + "#" + id);
    }

    int inFlightCount() {
        return inFlight.size();
    }

    private static Throwable unwrap(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
