package dev.netx.spring;

import dev.netx.AdmissionOptions;
import dev.netx.NetxOptions;
import dev.netx.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The netx.* properties: the options of the application's Netx node (named as in
 * {@link NetxOptions}) and, optionally, a Redis of its own. Validated when bound: an invalid value
 * fails start-up with a message naming the property.
 *
 * @param group           The service group this application belongs to: each group handles every saga
 *                        event once, through its own Redis consumer group. Required.
 * @param nodeName        This process's consumer name, unique among the running processes of the group.
 *                        Default: from the NodeNameStrategy bean, the host name and process id.
 * @param namespace       Isolates several Netx systems on one Redis; part of every key.
 * @param shards          How many stream shards new sagas spread over, 1 to 1024; may change between
 *                        restarts.
 * @param backpressure    The most messages this node handles at once.
 * @param orphanTimeout   How long a message may stay pending with a silent node before another node
 *                        claims it.
 * @param maxDeliveries   Deliveries after which a message goes to the dead-letter stream.
 * @param retention       How long a finished saga's state is kept after its last event (a rolled-back
 *                        saga's, also until every group has read past its rollback).
 * @param runningRetention How long the state of a saga that has not finished is kept after its last
 *                        event (a saga waiting on a service that is down must outlive the outage).
 *                        Default: 7 days, or retention if longer.
 * @param maxPayloadBytes The largest encoded event accepted, in bytes.
 * @param pollTimeout     How long one blocking read waits for new messages; shorter than the orphan
 *                        timeout.
 * @param shutdownGrace   How long a stopping node lets running handlers finish; keep it within
 *                        spring.lifecycle.timeout-per-shutdown-phase.
 * @param trimInterval    How often the node trims acknowledged stream entries and removes consumers of
 *                        nodes that left.
 * @param writeRetry      The longest a saga start or event waits for Redis: while Redis does not answer
 *                        (restart, failover, timeout) it is sent again (Redis applies it once), then the
 *                        caller gets SagaOutcomeUnknownException; 0 sends once.
 * @param replicaAcks     How many replicas must have a saga start or event before its caller is told it
 *                        is written (Redis WAIT), so that a failover cannot lose it; while fewer have
 *                        it, it is sent again as for write-retry. Standalone and Sentinel only; 0 answers
 *                        once the master has it.
 * @param replicaAckTimeout How long one WAIT for the replicas lasts; it holds the connection of the
 *                        node's starts and events meanwhile.
 * @param versionWait     How long a message of an orchestrated saga waits for a node that declares the
 *                        orchestrator version the saga started with, before it is dead-lettered.
 * @param admission       When new saga starts are refused, so that a backlog never fills Redis.
 * @param rateLimits      Rate limits, shared by the group's nodes through Redis, of its orchestrators'
 *                        starts and its participant handlers' calls.
 * @param history         Whether this node writes what operators see of sagas: each saga's timeline (an
 *                        entry per transition, in the saga's state), the sagas still running, the last
 *                        rolled back, the counts of sagas started, committed and rolled back, and what
 *                        the node did, added once a second to the namespace's activity (the console's charts).
 * @param console         The Netx console on the management port.
 * @param health          When the health indicator reports this node's group DEGRADED.
 * @param trustedPackages Packages whose exceptions callers get back as the same type (with their
 *                        subpackages). Default: the packages of the application's auto-configuration
 *                        (those of the @SpringBootApplication class).
 * @param autoStartup     Whether the node starts reading when the application context has been
 *                        refreshed.
 * @param redis           A Redis for Netx other than the application's (spring.data.redis.*), which it
 *                        uses when this is not set.
 */
@ConfigurationProperties("netx")
public record NetxProperties(
        String group,
        @Nullable String nodeName,
        @DefaultValue(NetxOptions.DEFAULT_NAMESPACE) String namespace,
        @DefaultValue("16") int shards,
        @DefaultValue("256") int backpressure,
        @DefaultValue("30s") Duration orphanTimeout,
        @DefaultValue("5") int maxDeliveries,
        @DefaultValue("1h") Duration retention,
        @Nullable Duration runningRetention,
        @DefaultValue("1048576") int maxPayloadBytes,
        @DefaultValue("1s") Duration pollTimeout,
        @DefaultValue("10s") Duration shutdownGrace,
        @DefaultValue("5s") Duration trimInterval,
        @DefaultValue("10s") Duration writeRetry,
        @DefaultValue("0") int replicaAcks,
        @DefaultValue("1s") Duration replicaAckTimeout,
        @DefaultValue("10m") Duration versionWait,
        @DefaultValue Admission admission,
        @DefaultValue RateLimits rateLimits,
        @DefaultValue("true") boolean history,
        @DefaultValue Console console,
        @DefaultValue Health health,
        @Nullable List<String> trustedPackages,
        @DefaultValue("true") boolean autoStartup,
        @Nullable @NestedConfigurationProperty NetxRedisProperties redis) {

    /** Placeholder that lets the options be checked before the real node name is known. */
    private static final String UNNAMED = "unnamed";

    /**
     * Checks every value with the rules of {@link NetxOptions}.
     *
     * @throws IllegalArgumentException naming the first invalid property
     */
    public NetxProperties {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException(
                    "netx.group is required: the service group of this application, e.g. netx.group=payment");
        }
        trustedPackages = trustedPackages == null ? null : List.copyOf(trustedPackages);
        // Checking here makes a bad value fail while binding, so that Spring Boot's failure report names
        // the property; NetxOptions stays the one place that holds the rules.
        new NetxOptions(group, nodeName == null ? UNNAMED : nodeName, namespace, shards, backpressure, orphanTimeout,
                maxDeliveries, retention,
                runningRetention != null ? runningRetention : NetxOptions.defaultRunningRetention(retention),
                maxPayloadBytes, pollTimeout, shutdownGrace, trimInterval, writeRetry, replicaAcks, replicaAckTimeout,
                versionWait, admission.toOptions(), rateLimits.toOptions(), history,
                trustedPackages == null ? List.of() : trustedPackages);
    }

    /**
     * A builder of options with these values.
     *
     * @param nodeName        The node name to use when {@link #nodeName()} is not set
     * @param trustedPackages The trusted packages to use when {@link #trustedPackages()} is not set
     */
    public NetxOptions.Builder toOptions(String nodeName, List<String> trustedPackages) {
        return NetxOptions.builder(group)
                .nodeName(this.nodeName != null ? this.nodeName : nodeName)
                .namespace(namespace)
                .shards(shards)
                .backpressure(backpressure)
                .orphanTimeout(orphanTimeout)
                .maxDeliveries(maxDeliveries)
                .retention(retention)
                .runningRetention(runningRetention != null ? runningRetention
                        : NetxOptions.defaultRunningRetention(retention))
                .maxPayloadBytes(maxPayloadBytes)
                .pollTimeout(pollTimeout)
                .shutdownGrace(shutdownGrace)
                .trimInterval(trimInterval)
                .writeRetry(writeRetry)
                .replicaAcks(replicaAcks)
                .replicaAckTimeout(replicaAckTimeout)
                .versionWait(versionWait)
                .admission(admission.toOptions())
                .rateLimits(rateLimits.toOptions())
                .history(history)
                .trustedPackages(this.trustedPackages != null ? this.trustedPackages : trustedPackages);
    }

    /**
     * Admission control of saga starts.
     *
     * @param maxMemory      The share of Redis's maxmemory in use above which saga starts are refused
     *                       (SagaRejectedException); 1 turns it off; nothing is checked without a maxmemory.
     * @param maxBacklog     The most messages waiting on one group an orchestrator calls before its
     *                       starts are refused; 0 turns it off.
     * @param sampleInterval How often Redis's memory is sampled.
     */
    public record Admission(@DefaultValue("0.5") double maxMemory, @DefaultValue("0") long maxBacklog,
            @DefaultValue("1s") Duration sampleInterval) {

        /** The engine's options of these values. */
        public AdmissionOptions toOptions() {
            return new AdmissionOptions(maxMemory, maxBacklog, sampleInterval);
        }
    }

    /**
     * Rate limits, in permits a second, each with a burst of one second's worth.
     *
     * @param orchestrators By orchestrator name: the sagas it starts a second on average, all nodes of the
     *                      group together, in bursts of at most as many; a start past it is refused
     *                      (SagaRejectedException, retryable).
     * @param handlers      By participant handler name: the calls (steps and compensations) it takes a second
     *                      on average, all nodes of the group together, in bursts of at most as many; a call
     *                      past it waits for its turn.
     */
    public record RateLimits(@Nullable Map<String, Double> orchestrators, @Nullable Map<String, Double> handlers) {

        /** Validates; the message names the property. */
        public RateLimits {
            orchestrators = validated("orchestrators", orchestrators);
            handlers = validated("handlers", handlers);
        }

        private static Map<String, Double> validated(String kind, @Nullable Map<String, Double> limits) {
            if (limits == null) {
                return Map.of();
            }
            limits.forEach((name, perSecond) -> {
                if (perSecond == null || !(perSecond >= RateLimit.MIN_PER_SECOND) || perSecond.isInfinite()) {
                    throw new IllegalArgumentException("netx.rate-limits." + kind + "." + name + "=" + perSecond
                            + " is invalid: must be at least " + RateLimit.MIN_PER_SECOND + " (a second)");
                }
            });
            return Map.copyOf(limits);
        }

        /** The engine's limits of these values. */
        public dev.netx.RateLimits toOptions() {
            dev.netx.RateLimits limits = dev.netx.RateLimits.none();
            for (Map.Entry<String, Double> limit : orchestrators.entrySet()) {
                limits = limits.withOrchestrator(limit.getKey(), RateLimit.of(limit.getValue()));
            }
            for (Map.Entry<String, Double> limit : handlers.entrySet()) {
                limits = limits.withHandler(limit.getKey(), RateLimit.of(limit.getValue()));
            }
            return limits;
        }
    }

    /**
     * The Netx console, served on the management port under {@code <management base path>/netx-console}:
     * sagas with their timelines, the backlog, dead letters. Relaying and deleting dead letters from it
     * needs {@code management.endpoint.netx.access=unrestricted}.
     *
     * @param enabled Whether the console is served (a servlet application with the actuator).
     */
    public record Console(@DefaultValue("false") boolean enabled) {
    }

    /**
     * When the {@code netx} health indicator reports {@code DEGRADED}: its group has more waiting
     * than it takes. {@code DEGRADED} leaves the application's status as it is unless
     * {@code management.endpoint.health.status.order} lists it with the others:
     * {@code down,out-of-service,degraded,up,unknown}.
     *
     * @param maxBacklog       The most messages waiting for this node's group, over all its shards and
     *                         streams (lag and pending), before it is degraded; 0 turns it off.
     * @param maxOldestPending How long ago the oldest message pending with this node's group (delivered,
     *                         not finished) may have been written before it is degraded; 0 turns it off.
     */
    public record Health(@DefaultValue("10000") long maxBacklog, @DefaultValue("5m") Duration maxOldestPending) {

        /** Validates; the message names the property. */
        public Health {
            if (maxBacklog < 0) {
                throw new IllegalArgumentException("netx.health.max-backlog=" + maxBacklog
                        + " is invalid: must be 0 (off) or more");
            }
            if (maxOldestPending.isNegative()) {
                throw new IllegalArgumentException("netx.health.max-oldest-pending=" + maxOldestPending
                        + " is invalid: must be 0 (off) or a positive duration");
            }
        }

        /** The defaults: 10,000 messages waiting, a message pending for 5 minutes. */
        public static Health defaults() {
            return new Health(10_000, Duration.ofMinutes(5));
        }
    }
}
