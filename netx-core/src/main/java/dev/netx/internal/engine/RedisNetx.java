package dev.netx.internal.engine;

import dev.netx.DeadLetterListener;
import dev.netx.DeadLetters;
import dev.netx.Netx;
import dev.netx.NetxException;
import dev.netx.NetxOptions;
import dev.netx.NetxStatus;
import dev.netx.SagaListener;
import dev.netx.SagaManager;
import dev.netx.internal.codec.ExceptionEnvelopes;
import dev.netx.internal.redis.KeySpace;
import dev.netx.internal.redis.RedisConnections;
import dev.netx.spi.SagaCodec;
import dev.netx.spi.NetxObserver;
import dev.netx.spi.SagaIdGenerator;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.Consumer;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.LoggerFactory;

/** A Netx node over Lettuce: wires the readers, dispatcher and claimer, and runs their lifecycle. */
public final class RedisNetx implements Netx {

    private static final Logger log = LoggerFactory.getLogger(RedisNetx.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final AbstractRedisClient client;
    private final NetxOptions options;
    private final KeySpace keys;
    private final ListenerRegistry registry;
    private final ExceptionEnvelopes envelopes;
    private final Outcomes outcomes;
    private final SagaIds ids;
    private final List<DeadLetterListener> deadLetterListeners;
    private final ExecutorService handlerExecutor;
    private final boolean ownsExecutor;
    private final Permits permits;
    private final NetxObserver observer;
    private final List<ShardReader> readers = new ArrayList<>();
    private final List<RedisConnections.Dedicated> readerConnections = new ArrayList<>();
    private volatile State state = State.NEW;
    private volatile int shardsRead;
    private RedisConnections connections;
    private Dispatcher dispatcher;
    private ConsumerGroups groups;
    private ScheduledExecutorService scheduler;
    private OutcomeWatcher watcher;
    private SagaManager sagaManager;
    private DeadLetters deadLetters;

    /** A node, not started. */
    public RedisNetx(AbstractRedisClient client, NetxOptions options, SagaCodec codec, SagaIdGenerator idGenerator,
            List<SagaListener<?>> listeners, List<DeadLetterListener> deadLetterListeners, ExecutorService executor,
            NetxObserver observer) {
        this.client = client;
        this.options = options;
        this.keys = new KeySpace(options.namespace());
        this.registry = new ListenerRegistry(listeners, codec);
        this.envelopes = new ExceptionEnvelopes(JsonMapper.builder().build(), options.trustedPackages(),
                ExceptionEnvelopes.DEFAULT_MAX_BYTES);
        this.outcomes = new Outcomes(options, codec, envelopes);
        this.ids = new SagaIds(idGenerator, options.shards());
        this.deadLetterListeners = deadLetterListeners;
        this.ownsExecutor = executor == null;
        this.handlerExecutor = executor != null ? executor : Executors.newCachedThreadPool(threads("netx-handler"));
        this.permits = new Permits(options.backpressure());
        this.observer = new SafeObserver(observer);
    }

    @Override
    public NetxOptions options() {
        return options;
    }

    @Override
    public SagaManager sagaManager() {
        requireRunning();
        return sagaManager;
    }

    @Override
    public DeadLetters deadLetters() {
        requireRunning();
        return deadLetters;
    }

    @Override
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("Netx node " + options.nodeName() + " is " + state);
        }
        try {
            connections = RedisConnections.open(client);
            shardsRead = Math.toIntExact(Scripts.SHARDS.<Long>run(connections.commands(), ScriptOutputType.INTEGER,
                    new String[] {keys.meta()}, Integer.toString(options.shards())).get(
                    connections.commandTimeout().toMillis(), TimeUnit.MILLISECONDS));
            groups = new ConsumerGroups(keys, options.group());
            dispatcher = new Dispatcher(options, keys, connections.commands(), registry, outcomes, handlerExecutor,
                    permits, observer);
            scheduler = Executors.newScheduledThreadPool(3, threads("netx-scheduler"));
            SagaReader reader = new SagaReader(keys, connections.commands(), envelopes);
            watcher = new OutcomeWatcher(connections.pubSub(), keys.outcomeChannelPrefix() + options.nodeName(),
                    reader::outcome, scheduler, handlerExecutor);
            watcher.start();
            sagaManager = new RedisSagaManager(options, keys, connections.commands(), outcomes, ids, reader, watcher,
                    observer);
            deadLetters = new RedisDeadLetters(keys, connections.commands(), () -> shardsRead);
            startReading();
        } catch (Exception e) {
            state = State.CLOSED;
            closeQuietly();
            throw new NetxException("Netx node " + options.nodeName() + " could not start: " + e.getMessage(), e);
        }
        state = State.RUNNING;
        log.info("Netx node {} of group {} started: {} shards, backpressure {}", options.nodeName(), options.group(),
                shardsRead, options.backpressure());
    }

    private void startReading() {
        Duration readTimeout = options.pollTimeout().plus(connections.commandTimeout());
        Consumer<String> consumer = Consumer.from(options.group(), options.nodeName());
        AtomicInteger readerThreads = new AtomicInteger();
        for (int shard = 0; shard < shardsRead; shard++) {
            RedisConnections.Dedicated connection = connections.dedicated(readTimeout);
            readerConnections.add(connection);
            groups.ensure(connection.commands(), shard, false);
            if (registry.isEmpty()) {
                continue;
            }
            // One share per reader and one for the claimer.
            int share = options.backpressure() / (shardsRead + 1);
            ShardReader reader = new ShardReader(shard, connection, groups, consumer, permits, dispatcher,
                    options.pollTimeout(), share);
            readers.add(reader);
            Thread thread = new Thread(reader, "netx-reader-" + shard + "-" + readerThreads.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
        if (!registry.isEmpty()) {
            OrphanClaimer claimer = new OrphanClaimer(options, keys, groups, connections.commands(), permits,
                    dispatcher, deadLetterListeners, observer);
            long interval = Math.max(50, options.orphanTimeout().toMillis() / 2);
            scheduler.scheduleWithFixedDelay(() -> claimer.tick(shardsRead), interval, interval, TimeUnit.MILLISECONDS);
        }
        Housekeeper housekeeper = new Housekeeper(options, groups, connections.commands());
        long trim = options.trimInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> housekeeper.tick(shardsRead), trim, trim, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    @Override
    public NetxStatus status() {
        boolean running = state == State.RUNNING;
        return new NetxStatus(running, running && readers.stream().allMatch(ShardReader::isAlive), shardsRead,
                dispatcher == null ? 0 : dispatcher.inFlightCount(), watcher == null ? 0 : watcher.waiting());
    }

    @Override
    public CompletableFuture<Duration> ping() {
        requireRunning();
        long started = System.nanoTime();
        return connections.commands().ping().toCompletableFuture()
                .thenApply(pong -> Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasRunning = state == State.RUNNING;
        state = State.CLOSED;
        if (wasRunning) {
            readers.forEach(ShardReader::stop);
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
            awaitQuiet(deadline);
            leaveGroups();
        }
        closeQuietly();
        log.info("Netx node {} of group {} stopped", options.nodeName(), options.group());
    }

    private void awaitQuiet(long deadline) {
        try {
            while (System.nanoTime() < deadline
                    && (readers.stream().anyMatch(ShardReader::isAlive) || dispatcher.inFlightCount() > 0)) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dispatcher.inFlightCount() > 0) {
            log.warn("Netx node {} stopping with {} messages unfinished: they stay pending for other nodes",
                    options.nodeName(), dispatcher.inFlightCount());
        }
    }

    private void leaveGroups() {
        if (readerConnections.isEmpty()) {
            return;
        }
        var redis = readerConnections.get(0).commands();
        Consumer<String> consumer = Consumer.from(options.group(), options.nodeName());
        for (int shard = 0; shard < shardsRead; shard++) {
            for (String stream : groups.streams(shard)) {
                try {
                    if (redis.xpending(stream, consumer, io.lettuce.core.Range.create("-", "+"),
                            io.lettuce.core.Limit.from(1)).isEmpty()) {
                        redis.xgroupDelconsumer(stream, consumer);
                    }
                } catch (RuntimeException e) {
                    log.warn("could not leave group {} on {}: {}", options.group(), stream, e.toString());
                }
            }
        }
    }

    private void closeQuietly() {
        readerConnections.forEach(connection -> {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        });
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (connections != null) {
            connections.close();
        }
        if (ownsExecutor) {
            handlerExecutor.shutdownNow();
        }
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("Netx node " + options.nodeName() + " is " + state + ", not running");
        }
    }

    private static java.util.concurrent.ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
