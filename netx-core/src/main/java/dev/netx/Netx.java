package dev.netx;

import dev.netx.internal.engine.RedisNetx;
import dev.netx.spi.SagaCodec;
import dev.netx.spi.NetxObserver;
import dev.netx.spi.SagaIdGenerator;
import dev.netx.spi.TracePropagation;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * A Netx node: one member of a service group, reading the saga streams of its namespace and running
 * the group's listeners. Build it with {@link #builder(AbstractRedisClient, NetxOptions)}, then
 * {@link #start()} it; {@link #close()} stops it gracefully.
 *
 * <pre>{@code
 * try (Netx netx = Netx.builder(NetxClients.standalone(uri), NetxOptions.builder("payment").build())
 *         .listener(SagaListener.on(SagaPhase.START, OrderPlaced.class, e -> debit(e.event())))
 *         .build()) {
 *     netx.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>While a handler (listener, step, compensation, participant handler) runs, the logging MDC holds
 * its saga id under {@value #MDC_SAGA_ID}: during the handler's own call, and again while Netx finishes the
 * message after a returned future completed (Netx's log lines and the observer's calls). Code that the
 * handler hands to other threads (its future's continuations on another executor, for instance) has
 * it only if that code carries the MDC over itself.
 */
public interface Netx extends AutoCloseable {

    /** The key of the saga id in the logging MDC while a handler runs. */
    String MDC_SAGA_ID = "sagaId";

    /**
     * A builder over a Lettuce {@link RedisClient} (standalone or Sentinel) or
     * {@link RedisClusterClient}. Netx opens its own connections from the client and never shuts the
     * client down; {@link NetxClients} makes clients with the options Netx relies on.
     */
    static Builder builder(AbstractRedisClient client, NetxOptions options) {
        return new Builder(client, options);
    }

    /** The options this node runs with. */
    NetxOptions options();

    /** Publishes choreography events; usable once the node is started. */
    SagaManager sagaManager();

    /** The dead letters of this namespace; usable once the node is started. */
    DeadLetters deadLetters();

    /** Any saga of this namespace with its timeline, for operators; usable once the node is started. */
    SagaInspector inspector();

    /**
     * Creates this group's orchestrators. Usable before the node is started; their sagas can run once
     * it is.
     */
    OrchestratorFactory orchestrators();

    /**
     * Connects, creates the consumer groups it needs and starts reading. Blocks until reading has
     * begun. Fails if Redis cannot be reached.
     *
     * @throws IllegalStateException if already started or closed
     */
    void start();

    /** Whether {@link #start()} completed and {@link #close()} was not called. */
    boolean isRunning();

    /** A snapshot of this node, for health checks and gauges. Does not block. */
    NetxStatus status();

    /**
     * The versions of this group's orchestrators: those this node declares, and those with sagas
     * still running (also versions no longer declared here), with their running sagas, sorted by
     * orchestrator and version. Reads every shard; usable once the node is started.
     */
    CompletableFuture<List<OrchestratorVersion>> orchestratorVersions();

    /** Completes with Redis's round-trip time, or fails when Redis does not answer. */
    CompletableFuture<Duration> ping();

    /**
     * Stops gracefully: stops reading, lets running handlers finish within the shutdown grace,
     * leaves unfinished messages pending for other nodes, and leaves the consumer groups when this
     * node has nothing pending. Blocks until done. Idempotent.
     */
    @Override
    void close();

    /** Collects what a node needs. Not thread-safe. */
    final class Builder {
        private final AbstractRedisClient client;
        private final NetxOptions options;
        private final List<SagaListener<?>> listeners = new ArrayList<>();
        private final List<DeadLetterListener> deadLetterListeners = new ArrayList<>();
        private final List<ParticipantHandler<?>> participants = new ArrayList<>();
        private SagaCodec codec = SagaCodec.jackson();
        private SagaIdGenerator idGenerator = SagaIdGenerator.timeOrdered();
        private ExecutorService handlerExecutor;
        private final List<NetxObserver> observers = new ArrayList<>();
        private TracePropagation propagation = TracePropagation.NONE;

        private Builder(AbstractRedisClient client, NetxOptions options) {
            if (!(client instanceof RedisClient) && !(client instanceof RedisClusterClient)) {
                throw new IllegalArgumentException("client must be a RedisClient or a RedisClusterClient");
            }
            this.client = client;
            this.options = Objects.requireNonNull(options, "options");
        }

        /** Adds a listener of this node's group. */
        public Builder listener(SagaListener<?> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Adds a handler that orchestrators of other groups can call as a remote step. */
        public Builder participant(ParticipantHandler<?> handler) {
            participants.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Adds a hook told of every message this node dead-letters. */
        public Builder deadLetterListener(DeadLetterListener listener) {
            deadLetterListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The codec for events; default {@link SagaCodec#jackson()}. */
        public Builder codec(SagaCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** The saga id generator; default {@link SagaIdGenerator#timeOrdered()}. */
        public Builder idGenerator(SagaIdGenerator idGenerator) {
            this.idGenerator = Objects.requireNonNull(idGenerator, "idGenerator");
            return this;
        }

        /**
         * Where handlers run; default a pool of daemon threads, at most {@link NetxOptions#backpressure()}
         * busy at once. An executor given here is not shut down by Netx.
         */
        public Builder handlerExecutor(ExecutorService executor) {
            this.handlerExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Adds an observer told of the node's work, for metrics; default none. Several are told in the
         * order added, each shielded from the others' failures.
         */
        public Builder observer(NetxObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * What carries the trace context from publishers to handlers through the messages; default
         * {@link TracePropagation#NONE}, which writes nothing.
         */
        public Builder propagation(TracePropagation propagation) {
            this.propagation = Objects.requireNonNull(propagation, "propagation");
            return this;
        }

        /**
         * A node, not yet started.
         *
         * @throws IllegalArgumentException if two listeners claim the same phase and event type, or two
         *     participant handlers the same name
         */
        public Netx build() {
            return new RedisNetx(client, options, codec, idGenerator, List.copyOf(listeners), List.copyOf(participants),
                    List.copyOf(deadLetterListeners), handlerExecutor, List.copyOf(observers), propagation);
        }
    }
}
