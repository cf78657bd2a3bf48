package dev.netx;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a Netx node runs. Built with {@link #builder(String)}; every value is validated when built, and
 * an invalid one fails with an {@link IllegalArgumentException} that names the option.
 *
 * @param group          the service group this node belongs to: each group reads every saga event
 *                       once, through its own Redis consumer group. Required.
 * @param nodeName       this node's consumer name, unique per process; default host name + pid
 * @param namespace      isolates several Netx systems on one Redis; part of every key; default
 *                       {@value #DEFAULT_NAMESPACE}
 * @param shards         how many stream shards new sagas spread over; default {@value #DEFAULT_SHARDS}
 * @param backpressure   the most messages this node handles at once; default
 *                       {@value #DEFAULT_BACKPRESSURE}
 * @param orphanTimeout  how long a message may stay pending with a silent node before another node
 *                       claims it; default 30 s
 * @param maxDeliveries  deliveries after which a message goes to the dead-letter stream; default
 *                       {@value #DEFAULT_MAX_DELIVERIES}
 * @param retention      how long a finished saga's state is kept after its last event; a rolled-back
 *                       choreographed saga's is also kept until every group has read past its rollback
 *                       (bounded by {@code runningRetention}), so that a group lagging behind still
 *                       compensates its work; default 1 h
 * @param runningRetention how long the state of a saga that has not finished is kept after its last
 *                       event, so that a saga waiting on a group that is down for hours is not lost;
 *                       at least {@code retention}; default 7 days (or {@code retention} if longer)
 * @param maxPayloadBytes the largest encoded event accepted; default 1 MiB
 * @param pollTimeout    how long one blocking read waits for new messages; default 1 s
 * @param shutdownGrace  how long a closing node waits for its running handlers; default 10 s
 * @param trimInterval   how often a node trims the streams of acknowledged entries and removes
 *                       consumers of nodes that left; default 5 s
 * @param writeRetry     the longest a caller's write (a saga start or event) waits for Redis: it is sent
 *                       again, safely since Redis applies each at most once, while Redis is
 *                       unreachable or its answer is lost (restart, failover, timeout), and when this
 *                       has passed the caller gets {@link SagaOutcomeUnknownException} (an
 *                       orchestrator's start waits at most its call's timeout); zero sends once and
 *                       waits for the command timeout; default 10 s
 * @param replicaAcks    how many replicas must have a caller's write (a saga start or event) before the
 *                       caller is told it is written (Redis {@code WAIT}), so that a failover cannot
 *                       lose it; while fewer have it, it is sent again as for {@code writeRetry}, and
 *                       after that the caller gets {@link SagaOutcomeUnknownException}. Standalone and
 *                       Sentinel only; default 0 (answers as soon as the master has the write)
 * @param replicaAckTimeout how long one {@code WAIT} for {@code replicaAcks} replicas lasts (it holds
 *                       the connection of the node's starts and events meanwhile); default 1 s
 * @param versionWait    how long a message of an orchestrated saga waits for a node that declares the
 *                       version of the orchestrator the saga started with (see
 *                       {@link OrchestratorBuilder#version(int)}), passed from node to node, before it
 *                       is dead-lettered with a reason naming the version; default 10 min
 * @param admission      when new saga starts are refused so that a backlog never fills Redis; default
 *                       {@link AdmissionOptions#defaults()}
 * @param rateLimits     the rate limits of the group's orchestrators and participant handlers, shared by
 *                       its nodes through Redis; default none
 * @param history        whether this node writes what the console shows: every saga's timeline (an entry
 *                       per transition, in the saga's state, written by the transition's own script),
 *                       the sagas still running by start time, the last rolled-back ones, the
 *                       counts of sagas started, committed and rolled back, and what the node did, added
 *                       once a second to the namespace's activity; default true
 * @param trustedPackages packages whose exceptions a caller gets back as the same type (with their
 *                       subpackages); the JDK's {@code java.} packages are always trusted; default none
 */
public record NetxOptions(
        String group,
        String nodeName,
        String namespace,
        int shards,
        int backpressure,
        Duration orphanTimeout,
        int maxDeliveries,
        Duration retention,
        Duration runningRetention,
        int maxPayloadBytes,
        Duration pollTimeout,
        Duration shutdownGrace,
        Duration trimInterval,
        Duration writeRetry,
        int replicaAcks,
        Duration replicaAckTimeout,
        Duration versionWait,
        AdmissionOptions admission,
        RateLimits rateLimits,
        boolean history,
        List<String> trustedPackages) {

    /** Default {@link #namespace()}. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** Default {@link #shards()}. */
    public static final int DEFAULT_SHARDS = 16;
    /** Default {@link #backpressure()}. */
    public static final int DEFAULT_BACKPRESSURE = 256;
    /** Default {@link #orphanTimeout()}. */
    public static final Duration DEFAULT_ORPHAN_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@link #maxDeliveries()}. */
    public static final int DEFAULT_MAX_DELIVERIES = 5;
    /** Default {@link #retention()}. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
    /** Default {@link #runningRetention()}. */
    public static final Duration DEFAULT_RUNNING_RETENTION = Duration.ofDays(7);
    /** Default {@link #maxPayloadBytes()}. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;
    /** Default {@link #pollTimeout()}. */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(1);
    /** Default {@link #shutdownGrace()}. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** Default {@link #trimInterval()}. */
    public static final Duration DEFAULT_TRIM_INTERVAL = Duration.ofSeconds(5);
    /** Default {@link #writeRetry()}. */
    public static final Duration DEFAULT_WRITE_RETRY = Duration.ofSeconds(10);
    /** Default {@link #replicaAckTimeout()}. */
    public static final Duration DEFAULT_REPLICA_ACK_TIMEOUT = Duration.ofSeconds(1);
    /** Default {@link #versionWait()}. */
    public static final Duration DEFAULT_VERSION_WAIT = Duration.ofMinutes(10);
    /** The most shards a namespace can have. */
    public static final int MAX_SHARDS = 1024;

    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    /** Validates every option; the message names the one that is wrong. */
    public NetxOptions {
        requireName("group", group);
        requireName("node-name", nodeName);
        requireName("namespace", namespace);
        requireRange("shards", shards, 1, MAX_SHARDS);
        requireRange("backpressure", backpressure, 1, 100_000);
        requirePositive("orphan-timeout", orphanTimeout);
        requireRange("max-deliveries", maxDeliveries, 1, 1_000);
        requirePositive("retention", retention);
        requirePositive("running-retention", runningRetention);
        if (runningRetention.compareTo(retention) < 0) {
            throw invalid("running-retention", runningRetention, "must not be shorter than retention " + retention);
        }
        requireRange("max-payload-bytes", maxPayloadBytes, 64, 512 * 1024 * 1024);
        requirePositive("poll-timeout", pollTimeout);
        if (pollTimeout.compareTo(orphanTimeout) >= 0) {
            throw invalid("poll-timeout", pollTimeout, "must be shorter than orphan-timeout " + orphanTimeout);
        }
        requirePositive("shutdown-grace", shutdownGrace);
        requirePositive("trim-interval", trimInterval);
        if (writeRetry == null || writeRetry.isNegative()) {
            throw invalid("write-retry", writeRetry, "must be zero or a positive duration");
        }
        requireRange("replica-acks", replicaAcks, 0, 100);
        if (replicaAckTimeout == null || replicaAckTimeout.toMillis() < 1) {
            throw invalid("replica-ack-timeout", replicaAckTimeout, "must be at least 1 ms");
        }
        requirePositive("version-wait", versionWait);
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(rateLimits, "rateLimits");
        if (trustedPackages == null || trustedPackages.stream().anyMatch(p -> p == null || !PACKAGE.matcher(p).matches())) {
            throw invalid("trusted-packages", trustedPackages, "must be a list of Java package names");
        }
        trustedPackages = List.copyOf(trustedPackages);
    }

    /** A builder for a node of the given group, with every other option at its default. */
    public static Builder builder(String group) {
        return new Builder(group);
    }

    /** A builder that starts from these options. */
    public Builder mutate() {
        return new Builder(group).nodeName(nodeName).namespace(namespace).shards(shards)
                .backpressure(backpressure).orphanTimeout(orphanTimeout).maxDeliveries(maxDeliveries)
                .retention(retention).runningRetention(runningRetention).maxPayloadBytes(maxPayloadBytes)
                .pollTimeout(pollTimeout)
                .shutdownGrace(shutdownGrace).trimInterval(trimInterval).writeRetry(writeRetry)
                .replicaAcks(replicaAcks).replicaAckTimeout(replicaAckTimeout).versionWait(versionWait)
                .admission(admission).rateLimits(rateLimits).history(history)
                .trustedPackages(trustedPackages);
    }

    /** The default {@link #runningRetention()} for a retention: 7 days, or the retention if longer. */
    public static Duration defaultRunningRetention(Duration retention) {
        return retention != null && retention.compareTo(DEFAULT_RUNNING_RETENTION) > 0 ? retention
                : DEFAULT_RUNNING_RETENTION;
    }

    /** The default node name: host name and process id, unique among the processes of a fleet. */
    public static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String clean = host.replaceAll("[^A-Za-z0-9._-]", "-");
        if (clean.length() > 60) {
            clean = clean.substring(0, 60);
        }
        return clean + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    private static void requireName(String option, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw invalid(option, value, "must be 1-100 characters of letters, digits, '.', '_', '@' or '-'");
        }
    }

    private static void requireRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(option, value, "must be between " + min + " and " + max);
        }
    }

    private static void requirePositive(String option, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(option, value, "must be a positive duration");
        }
    }

    private static IllegalArgumentException invalid(String option, Object value, String rule) {
        return new IllegalArgumentException("netx." + option + "=" + value + " is invalid: " + rule);
    }

    /** Builds {@link NetxOptions}; defaults as documented on the record. */
    public static final class Builder {
        private final String group;
        private String nodeName;
        private String namespace = DEFAULT_NAMESPACE;
        private int shards = DEFAULT_SHARDS;
        private int backpressure = DEFAULT_BACKPRESSURE;
        private Duration orphanTimeout = DEFAULT_ORPHAN_TIMEOUT;
        private int maxDeliveries = DEFAULT_MAX_DELIVERIES;
        private Duration retention = DEFAULT_RETENTION;
        private Duration runningRetention;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private Duration trimInterval = DEFAULT_TRIM_INTERVAL;
        private Duration writeRetry = DEFAULT_WRITE_RETRY;
        private int replicaAcks;
        private Duration replicaAckTimeout = DEFAULT_REPLICA_ACK_TIMEOUT;
        private Duration versionWait = DEFAULT_VERSION_WAIT;
        private AdmissionOptions admission = AdmissionOptions.defaults();
        private RateLimits rateLimits = RateLimits.none();
        private boolean history = true;
        private List<String> trustedPackages = List.of();

        private Builder(String group) {
            this.group = group;
        }

        /** Sets {@link NetxOptions#nodeName()}. */
        public Builder nodeName(String nodeName) {
            this.nodeName = nodeName;
            return this;
        }

        /** Sets {@link NetxOptions#namespace()}. */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** Sets {@link NetxOptions#shards()}. */
        public Builder shards(int shards) {
            this.shards = shards;
            return this;
        }

        /** Sets {@link NetxOptions#backpressure()}. */
        public Builder backpressure(int backpressure) {
            this.backpressure = backpressure;
            return this;
        }

        /** Sets {@link NetxOptions#orphanTimeout()}. */
        public Builder orphanTimeout(Duration orphanTimeout) {
            this.orphanTimeout = orphanTimeout;
            return this;
        }

        /** Sets {@link NetxOptions#maxDeliveries()}. */
        public Builder maxDeliveries(int maxDeliveries) {
            this.maxDeliveries = maxDeliveries;
            return this;
        }

        /** Sets {@link NetxOptions#retention()}. */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** Sets {@link NetxOptions#runningRetention()}. */
        public Builder runningRetention(Duration runningRetention) {
            this.runningRetention = runningRetention;
            return this;
        }

        /** Sets {@link NetxOptions#maxPayloadBytes()}. */
        public Builder maxPayloadBytes(int maxPayloadBytes) {
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        /** Sets {@link NetxOptions#pollTimeout()}. */
        public Builder pollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
            return this;
        }

        /** Sets {@link NetxOptions#shutdownGrace()}. */
        public Builder shutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        /** Sets {@link NetxOptions#trimInterval()}. */
        public Builder trimInterval(Duration trimInterval) {
            this.trimInterval = trimInterval;
            return this;
        }

        /** Sets {@link NetxOptions#writeRetry()}. */
        public Builder writeRetry(Duration writeRetry) {
            this.writeRetry = writeRetry;
            return this;
        }

        /** Sets {@link NetxOptions#replicaAcks()}. */
        public Builder replicaAcks(int replicaAcks) {
            this.replicaAcks = replicaAcks;
            return this;
        }

        /** Sets {@link NetxOptions#replicaAckTimeout()}. */
        public Builder replicaAckTimeout(Duration replicaAckTimeout) {
            this.replicaAckTimeout = replicaAckTimeout;
            return this;
        }

        /** Sets {@link NetxOptions#versionWait()}. */
        public Builder versionWait(Duration versionWait) {
            this.versionWait = versionWait;
            return this;
        }

        /** Sets {@link NetxOptions#admission()}. */
        public Builder admission(AdmissionOptions admission) {
            this.admission = admission;
            return this;
        }

        /** Sets {@link NetxOptions#rateLimits()}. */
        public Builder rateLimits(RateLimits rateLimits) {
            this.rateLimits = rateLimits;
            return this;
        }

        /** Sets {@link NetxOptions#history()}. */
        public Builder history(boolean history) {
            this.history = history;
            return this;
        }

        /** Sets {@link NetxOptions#trustedPackages()}. */
        public Builder trustedPackages(List<String> trustedPackages) {
            this.trustedPackages = trustedPackages;
            return this;
        }

        /**
         * The validated options.
         *
         * @throws IllegalArgumentException naming the first invalid option
         */
        public NetxOptions build() {
            return new NetxOptions(group, Objects.requireNonNullElseGet(nodeName, NetxOptions::defaultNodeName),
                    namespace, shards, backpressure, orphanTimeout, maxDeliveries, retention,
                    runningRetention != null ? runningRetention : defaultRunningRetention(retention), maxPayloadBytes,
                    pollTimeout, shutdownGrace, trimInterval, writeRetry, replicaAcks, replicaAckTimeout, versionWait,
                    admission, rateLimits, history, trustedPackages);
        }
    }
}
