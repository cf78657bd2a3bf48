package dev.netx.internal.engine;

import dev.netx.DeadLetterListener;
import dev.netx.DeadLetters;
import dev.netx.Netx;
import dev.netx.NetxException;
import dev.netx.NetxOptions;
import dev.netx.NetxStatus;
import dev.netx.OrchestratorFactory;
import dev.netx.OrchestratorVersion;
import dev.netx.ParticipantHandler;
import dev.netx.SagaInspector;
import dev.netx.SagaListener;
import dev.netx.SagaManager;
import dev.netx.internal.codec.ExceptionEnvelopes;
import dev.netx.internal.redis.KeySpace;
import dev.netx.internal.redis.RedisConnections;
import dev.netx.internal.redis.ReplicaAcks;
import dev.netx.spi.NetxObserver;
import dev.netx.spi.SagaCodec;
import dev.netx.spi.SagaIdGenerator;
import dev.netx.spi.TracePropagation;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** A Netx node over Lettuce: wires its parts at start and runs their lifecycle. */
public final class RedisNetx implements Netx {

    private static final Logger log = LoggerFactory.getLogger(RedisNetx.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final AbstractRedisClient client;
    private final NetxOptions options;
    private final KeySpace keys;
    private final ListenerRegistry registry;
    private final Orchestrations orchestrations;
    private final ExceptionEnvelopes envelopes;
    private final Outcomes outcomes;
    private final SagaIds ids;
    private final List<DeadLetterListener> deadLetterListeners;
    private final ExecutorService handlerExecutor;
    private final boolean ownsExecutor;
    private final Permits permits;
    private final Activity activity;
    private final NetxObserver observer;
    private final HandlerContexts contexts;
    private final OrchestratorFactory orchestratorFactory;
    private volatile State state = State.NEW;
    private volatile Running running;

    /** What exists while the node runs. */
    private record Running(RedisConnections connections, UncertainWrites writes, int shards,
            ScheduledExecutorService scheduler, Deliveries deliveries, Readers readers, OutcomeWatcher watcher, SagaReader reader, SagaManager sagaManager,
            DeadLetters deadLetters, OrphanClaimer claimer, Housekeeper housekeeper, DeadlineSweeper sweeper,
            GroupBacklogs backlogs, SagaStarts starts, Admission admission, RateLimiter rateLimits,
            SagaInspector inspector) {
    }

    /** A node, not started. */
    public RedisNetx(AbstractRedisClient client, NetxOptions options, SagaCodec codec, SagaIdGenerator idGenerator,
            List<SagaListener<?>> listeners, List<ParticipantHandler<?>> participants,
            List<DeadLetterListener> deadLetterListeners, ExecutorService executor, List<NetxObserver> observers,
            TracePropagation propagation) {
        this.client = client;
        this.options = options;
        this.keys = new KeySpace(options.namespace());
        this.registry = new ListenerRegistry(listeners, codec);
        this.orchestrations = new Orchestrations(participants);
        // Netx's own exceptions (timeouts, deadlines) come back as themselves.
        List<String> trusted = new ArrayList<>(options.trustedPackages());
        trusted.add(Netx.class.getPackageName());
        this.envelopes = new ExceptionEnvelopes(JsonMapper.builder().build(), trusted,
                ExceptionEnvelopes.DEFAULT_MAX_BYTES);
        this.outcomes = new Outcomes(options, codec, envelopes);
        this.ids = new SagaIds(idGenerator, options.shards());
        this.deadLetterListeners = deadLetterListeners;
        this.ownsExecutor = executor == null;
        this.handlerExecutor = executor != null ? executor : Executors.newCachedThreadPool(threads("netx-handler"));
        this.permits = new Permits(options.backpressure());
        this.activity = new Activity(keys, options.group());
        List<NetxObserver> told = new ArrayList<>(observers);
        told.add(0, activity);
        this.observer = new SafeObserver(told);
        this.contexts = new HandlerContexts(propagation);
        this.orchestratorFactory = new RedisOrchestratorFactory(orchestrations, definition -> {
            if (state == State.RUNNING) {
                running.readers().start(running.shards());
                // among the namespace's groups for the console, as the start records a node that reads
                running.connections().commands().hsetnx(keys.meta(), "group:" + options.group(), "1");
            }
            return new RedisOrchestrator<>(definition, options, keys, outcomes, this::runtime, this.observer,
                    contexts);
        });
    }

    @Override
    public NetxOptions options() {
        return options;
    }

    @Override
    public SagaManager sagaManager() {
        return requireRunning().sagaManager();
    }

    @Override
    public DeadLetters deadLetters() {
        return requireRunning().deadLetters();
    }

    @Override
    public SagaInspector inspector() {
        return requireRunning().inspector();
    }

    @Override
    public OrchestratorFactory orchestrators() {
        return orchestratorFactory;
    }

    @Override
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("Netx node " + options.nodeName() + " is " + state);
        }
        RedisConnections connections = null;
        ScheduledExecutorService scheduler = null;
        try {
            connections = RedisConnections.open(client);
            ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(3, threads("netx-scheduler"));
            timers.setRemoveOnCancelPolicy(true);
            scheduler = timers;
            running = wire(connections, scheduler);
        } catch (Exception e) {
            state = State.CLOSED;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            if (connections != null) {
                connections.close();
            }
            shutDownExecutor();
            throw new NetxException("Netx node " + options.nodeName() + " could not start: " + e.getMessage(), e);
        }
        if (!registry.isEmpty() || !orchestrations.isEmpty()) {
            running.readers().start(running.shards());
        }
        running.rateLimits().warnOfUnknownNames(orchestrations.orchestratorNames(), orchestrations.participantNames());
        long claimEvery = Math.max(50, options.orphanTimeout().toMillis() / 2);
        running.scheduler().scheduleWithFixedDelay(this::claimOrphans, claimEvery, claimEvery, TimeUnit.MILLISECONDS);
        long trimEvery = options.trimInterval().toMillis();
        // the first round at once: it also writes the heartbeats by which other groups count this node live
        running.scheduler().scheduleWithFixedDelay(this::trim, 0, trimEvery, TimeUnit.MILLISECONDS);
        long sweepEvery = Math.min(claimEvery, 1_000);
        running.scheduler().scheduleWithFixedDelay(this::sweepDeadlines, sweepEvery, sweepEvery, TimeUnit.MILLISECONDS);
        running.scheduler().scheduleWithFixedDelay(this::sampleBacklogs, 0, trimEvery, TimeUnit.MILLISECONDS);
        if (options.history()) {
            running.scheduler().scheduleWithFixedDelay(this::flushActivity, 1_000, 1_000, TimeUnit.MILLISECONDS);
        }
        if (running.admission().watchesMemory()) {
            long sampleEvery = options.admission().sampleInterval().toMillis();
            running.scheduler().scheduleWithFixedDelay(running.admission()::tick, 0, sampleEvery,
                    TimeUnit.MILLISECONDS);
        }
        state = State.RUNNING;
        log.info("Netx node {} of group {} started: {} shards, backpressure {}", options.nodeName(), options.group(),
                running.shards(), options.backpressure());
    }

    private Running wire(RedisConnections connections, ScheduledExecutorService scheduler) throws Exception {
        ReplicaAcks acks = ReplicaAcks.open(connections, options.replicaAcks(), options.replicaAckTimeout());
        try {
            return wire(connections, scheduler, new UncertainWrites(acks, options.retention()));
        } catch (Exception e) {
            acks.close();
            throw e;
        }
    }

    private Running wire(RedisConnections connections, ScheduledExecutorService scheduler, UncertainWrites writes)
            throws Exception {
        var redis = connections.commands();
        List<Long> counts = Scripts.SHARDS.<List<Long>>run(redis, ScriptOutputType.MULTI,
                new String[] {keys.meta()}, Integer.toString(options.shards()),
                registry.isEmpty() && orchestrations.isEmpty() ? "" : options.group())
                .get(connections.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        int shards = Math.toIntExact(counts.get(0));
        SagaStarts starts = new SagaStarts(keys, ids, Math.toIntExact(counts.get(1)));
        ConsumerGroups groups = new ConsumerGroups(keys, options.group(), !registry.isEmpty());
        GroupBacklogs backlogs = new GroupBacklogs(options, keys, redis, groups, orchestrations::remoteGroups,
                observer);
        Admission admission = new Admission(options.admission(), options.trimInterval(), redis, backlogs::called,
                connections.commandTimeout());
        Deliveries deliveries = new Deliveries(options, keys, redis, permits, activity);
        RateLimiter rateLimits = new RateLimiter(options, keys, redis, handlerExecutor, deliveries);
        CompensationLeases leases = new CompensationLeases(options, keys, redis, deliveries);
        OutOfMemoryRetries retries = new OutOfMemoryRetries(scheduler);
        ChoreographyHandler choreography = new ChoreographyHandler(options, keys, redis, registry, outcomes,
                handlerExecutor, deliveries, leases, observer, contexts, retries);
        OrchestrationHandler orchestration = new OrchestrationHandler(options, orchestrations, outcomes, envelopes,
                new StepRunner(handlerExecutor, scheduler, contexts), deliveries,
                new Advances(options, keys, redis, deliveries, observer, orchestrations, retries), leases, rateLimits);
        Dispatcher dispatcher = new Dispatcher(deliveries, choreography, orchestration);
        SagaReader reader = new SagaReader(keys, redis, envelopes);
        OutcomeWatcher watcher = new OutcomeWatcher(connections.pubSub(),
                keys.outcomeChannelPrefix() + options.nodeName(), reader, scheduler, handlerExecutor);
        watcher.start();
        return new Running(connections, writes, shards, scheduler, deliveries,
                new Readers(options, connections, groups, permits, dispatcher), watcher, reader,
                new RedisSagaManager(options, keys, redis, writes, outcomes, starts, admission,
                        reader, watcher, observer, contexts),
                new RedisDeadLetters(options, keys, redis, () -> shards),
                new OrphanClaimer(options, keys, groups, redis, permits, dispatcher, deliveries, deadLetterListeners,
                        observer, orchestrations),
                new Housekeeper(options, keys, groups, redis), new DeadlineSweeper(options, keys, redis),
                backlogs, starts, admission, rateLimits,
                new RedisSagaInspector(options, keys, redis, envelopes, () -> shards));
    }

    private void claimOrphans() {
        Running now = running;
        if (now.readers().isStarted()) {
            now.claimer().tick(now.shards());
        }
    }

    private void sweepDeadlines() {
        Running now = running;
        if (now.readers().isStarted() && orchestrations.hasOrchestrators()) {
            now.sweeper().tick(now.shards());
        }
    }

    private void sampleBacklogs() {
        Running now = running;
        if (now.readers().isStarted()) {
            now.backlogs().tick(now.shards());
        }
    }

    private void flushActivity() {
        activity.flush(running.connections().commands(), System.currentTimeMillis());
    }

    private void trim() {
        Running now = running;
        if (now.readers().isStarted()) {
            now.housekeeper().tick(now.shards());
        }
    }

    @Override
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    @Override
    public NetxStatus status() {
        Running now = running;
        if (state != State.RUNNING || now == null) {
            return new NetxStatus(false, false, 0, 0, 0, List.of(), List.of());
        }
        boolean readersAlive = !now.readers().isStarted() || now.readers().allAlive();
        return new NetxStatus(true, readersAlive, now.shards(), now.deliveries().count(), now.watcher().waiting(),
                now.backlogs().own(), now.backlogs().called());
    }

    @Override
    public CompletableFuture<List<OrchestratorVersion>> orchestratorVersions() {
        Running now;
        try {
            now = requireRunning();
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        return new RunningVersions(keys, options.group(), orchestrations)
                .read(now.connections().commands(), now.shards());
    }

    @Override
    public CompletableFuture<Duration> ping() {
        Running now = requireRunning();
        long started = System.nanoTime();
        return now.connections().commands().ping().toCompletableFuture()
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
            Running now = running;
            now.readers().stop();
            now.scheduler().shutdownNow();
            now.rateLimits().close();
            awaitQuiet(now, System.nanoTime() + options.shutdownGrace().toNanos());
            now.readers().leaveGroups();
            if (options.history()) {
                flushLastActivity(now);
            }
            now.readers().close();
            now.watcher().close();
            now.writes().close();
            now.connections().close();
        }
        shutDownExecutor();
        log.info("Netx node {} of group {} stopped", options.nodeName(), options.group());
    }

    private void awaitQuiet(Running now, long deadline) {
        try {
            while (System.nanoTime() < deadline && (now.readers().anyAlive() || now.deliveries().count() > 0)) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (now.deliveries().count() > 0) {
            log.warn("Netx node {} stopping with {} messages unfinished: they stay pending for other nodes",
                    options.nodeName(), now.deliveries().count());
        }
    }

    private void flushLastActivity(Running now) {
        try {
            activity.flush(now.connections().commands(), System.currentTimeMillis())
                    .get(now.connections().commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("the last second's activity was not written: {}", e.toString());
        }
    }

    private void shutDownExecutor() {
        if (ownsExecutor) {
            handlerExecutor.shutdownNow();
        }
    }

    private Running requireRunning() {
        Running now = running;
        if (state != State.RUNNING || now == null) {
            throw new IllegalStateException("Netx node " + options.nodeName() + " is " + state + ", not running");
        }
        return now;
    }

    /** What orchestrators need of a running node. */
    RedisOrchestrator.Runtime runtime() {
        Running now = requireRunning();
        return new RedisOrchestrator.Runtime(now.connections().commands(), now.writes(), now.reader(),
                now.watcher(), now.starts(), now.admission(), now.rateLimits());
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
