package dev.netx.internal.engine;

import dev.netx.SagaNotFoundException;
import dev.netx.SagaState;
import dev.netx.SagaTimeoutException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the futures of callers waiting for sagas to finish, for any number of callers over one
 * subscription: the transition that finishes a saga publishes to the channel of the node that
 * started it. Sagas started elsewhere, and messages lost while the subscription reconnects, are
 * caught by a sweep that reads each awaited saga again after 0.5 s, then ever less often (up to
 * every 5 s), so that many long waits cost little.
 */
final class OutcomeWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWatcher.class);
    private static final long SWEEP_MILLIS = 500;
    private static final long MAX_SWEEP_PAUSE_MILLIS = 5_000;

    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final String channel;
    private final SagaReader reader;
    private final ScheduledExecutorService scheduler;
    private final Executor callbacks;
    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
    /** When each awaited saga is read next by the sweep, and the pause after that (doubling to 5 s). */
    private final Map<String, long[]> sweepSchedule = new ConcurrentHashMap<>();

    /** A caller's wait; a saga it waits for is known to exist in Redis from {@code existsSince} on. */
    private static final class Waiter {
        private final CompletableFuture<SagaRecord> future = new CompletableFuture<>();
        private volatile boolean exists;
        private volatile long existsSince;

        CompletableFuture<SagaRecord> future() {
            return future;
        }

        void exists() {
            existsSince = System.nanoTime();
            exists = true;
        }

        /** Whether its saga was known to exist before a read issued at {@code readAt} (nanoTime) found none. */
        boolean existedBefore(long readAt) {
            return exists && existsSince - readAt <= 0;
        }
    }

    OutcomeWatcher(StatefulRedisPubSubConnection<String, String> subscription, String channel,
            SagaReader reader, ScheduledExecutorService scheduler, Executor callbacks) {
        this.subscription = subscription;
        this.channel = channel;
        this.reader = reader;
        this.scheduler = scheduler;
        this.callbacks = callbacks;
    }

    /** Subscribes; blocks until subscribed. */
    void start() {
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                finished(message);
            }
        });
        subscription.sync().subscribe(channel);
        scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Waits for a saga that may have finished already: its state is read at once. */
    CompletableFuture<SagaRecord> await(String sagaId, Duration timeout) {
        CompletableFuture<SagaRecord> future = register(sagaId, timeout, true);
        check(sagaId);
        return future;
    }

    /**
     * Waits for a saga this node is about to start: called before its launch is sent, so that its
     * finish cannot be published before anyone listens; nothing is read until its finish is
     * published (or the sweep comes by). Until {@link #launched} says Redis took the launch, a read
     * that finds no saga does not end the wait: the launch may still be on its way.
     */
    CompletableFuture<SagaRecord> awaitStarted(String sagaId, Duration timeout) {
        return register(sagaId, timeout, false);
    }

    /** Redis took the launch of a saga waited for with {@link #awaitStarted}: from now on it exists. */
    void launched(String sagaId, CompletableFuture<SagaRecord> future) {
        List<Waiter> list = waiters.get(sagaId);
        if (list != null) {
            list.stream().filter(waiter -> waiter.future() == future).forEach(Waiter::exists);
        }
    }

    /** Drops a wait whose saga never started (its launch failed); the future is cancelled. */
    void stopWaiting(String sagaId, CompletableFuture<SagaRecord> future) {
        waiters.computeIfPresent(sagaId, (id, list) -> {
            list.removeIf(waiter -> waiter.future() == future);
            return list.isEmpty() ? null : list;
        });
        future.cancel(false);
    }

    private CompletableFuture<SagaRecord> register(String sagaId, Duration timeout, boolean exists) {
        Waiter waiter = new Waiter();
        if (exists) {
            waiter.exists();
        }
        waiters.computeIfAbsent(sagaId, id -> new CopyOnWriteArrayList<>()).add(waiter);
        // not on the node's scheduler: its housekeeping waits on Redis, and a caller's wait must end on time
        // and the caller's continuation runs where other outcomes' do, not on the timer thread
        ScheduledFuture<?> timer = Timeouts.after(timeout.toNanos(), () -> callback(() -> {
            if (waiter.future().completeExceptionally(new SagaTimeoutException(sagaId, timeout))) {
                remove(sagaId, waiter);
            }
        }));
        // a finished wait drops its timer at once, not after the timeout
        waiter.future().whenComplete((record, failure) -> timer.cancel(false));
        return waiter.future();
    }

    /** Runs a caller's completion on the callback executor, or here if that one is shut down. */
    private void callback(Runnable completion) {
        try {
            callbacks.execute(completion);
        } catch (RejectedExecutionException closing) {
            completion.run();
        }
    }

    /**
     * News of a finished saga: {@code <saga> COMMITTED} (choreography: nothing more to know),
     * {@code <saga> COMMITTED+ <result>} (the result with it), {@code <saga> ROLLED_BACK+ <failure
     * envelope>\n<cause>} (a rollback with why), or a state to read back (a large result or failure).
     */
    private void finished(String news) {
        int space = news.indexOf(' ');
        if (space <= 0) {
            return;
        }
        String sagaId = news.substring(0, space);
        if (!waiters.containsKey(sagaId)) {
            return;
        }
        int second = news.indexOf(' ', space + 1);
        String state = second < 0 ? news.substring(space + 1) : news.substring(space + 1, second);
        if ("COMMITTED".equals(state)) {
            complete(sagaId, new SagaRecord(sagaId, SagaState.COMMITTED, null, null, null));
        } else if ("COMMITTED+".equals(state)) {
            String result = second < 0 ? "" : news.substring(second + 1);
            complete(sagaId, new SagaRecord(sagaId, SagaState.COMMITTED, null, null,
                    result.isEmpty() ? null : result));
        } else if ("ROLLED_BACK+".equals(state) && second > 0 && news.indexOf('\n', second) > 0) {
            int newline = news.indexOf('\n', second);
            complete(sagaId, reader.record(sagaId, SagaState.ROLLED_BACK, news.substring(newline + 1),
                    news.substring(second + 1, newline), null));
        } else {
            check(sagaId);
        }
    }

    private void check(String sagaId) {
        long readAt = System.nanoTime();
        reader.read(sagaId).whenComplete((outcome, failure) -> {
            if (failure == null && outcome.isFinished()) {
                complete(sagaId, outcome);
            } else if (failure != null && unwrap(failure) instanceof SagaNotFoundException notFound) {
                // only waits whose saga existed before this read began: another's launch may not have arrived
                List<Waiter> gone = new ArrayList<>();
                waiters.computeIfPresent(sagaId, (id, list) -> {
                    list.stream().filter(waiter -> waiter.existedBefore(readAt)).forEach(gone::add);
                    list.removeAll(gone);
                    return list.isEmpty() ? null : list;
                });
                gone.forEach(w -> callbacks.execute(() -> w.future().completeExceptionally(notFound)));
            } else if (failure != null) {
                log.debug("saga {}: could not read its outcome yet: {}", sagaId, failure.toString());
            }
        });
    }

    private void complete(String sagaId, SagaRecord outcome) {
        List<Waiter> done = waiters.remove(sagaId);
        if (done != null) {
            done.forEach(w -> callbacks.execute(() -> w.future().complete(outcome)));
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        try {
            waiters.keySet().forEach(sagaId -> {
                long[] schedule = sweepSchedule.computeIfAbsent(sagaId,
                        id -> new long[] {now + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS), SWEEP_MILLIS});
                if (now >= schedule[0]) {
                    schedule[1] = Math.min(schedule[1] * 2, MAX_SWEEP_PAUSE_MILLIS);
                    schedule[0] = now + TimeUnit.MILLISECONDS.toNanos(schedule[1]);
                    check(sagaId);
                }
            });
            sweepSchedule.keySet().retainAll(waiters.keySet());
        } catch (RuntimeException e) {
            log.warn("outcome sweep failed, next one retries: {}", e.toString());
        }
    }

    private void remove(String sagaId, Waiter waiter) {
        waiters.computeIfPresent(sagaId, (id, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }

    /** Callers waiting now. */
    int waiting() {
        return waiters.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void close() {
        waiters.clear();
        subscription.close();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }
}
