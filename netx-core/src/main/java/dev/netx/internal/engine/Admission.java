package dev.netx.internal.engine;

import dev.netx.AdmissionOptions;
import dev.netx.GroupBacklog;
import dev.netx.SagaRejectedException;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission control of saga starts: samples how full Redis is (the fullest master of a Cluster) and
 * refuses a start, before anything is written, while it is fuller than the limit or a group the
 * saga calls has more messages waiting than the limit (from the backlogs that {@link GroupBacklogs}
 * samples). {@link #check} never blocks and never asks Redis.
 */
final class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    static final String MAX_MEMORY = "netx.admission.max-memory";
    static final String MAX_BACKLOG = "netx.admission.max-backlog";

    private final AdmissionOptions options;
    private final Duration backlogInterval;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final Supplier<List<GroupBacklog>> backlogs;
    private final Duration timeout;
    /** The share of maxmemory in use at the last sample; 0 when Redis has no maxmemory. */
    private volatile double memoryInUse;
    private volatile boolean refusing;

    Admission(AdmissionOptions options, Duration backlogInterval, RedisClusterAsyncCommands<String, String> redis,
            Supplier<List<GroupBacklog>> backlogs, Duration timeout) {
        this.options = options;
        this.backlogInterval = backlogInterval;
        this.redis = redis;
        this.backlogs = backlogs;
        this.timeout = timeout;
    }

    /** Whether the memory check is on (it samples nothing otherwise). */
    boolean watchesMemory() {
        return options.maxMemory() < 1;
    }

    /** Samples Redis's memory. Never throws: a failed sample keeps the last one. */
    void tick() {
        try {
            List<CompletionStage<String>> infos = new ArrayList<>();
            if (redis instanceof RedisAdvancedClusterAsyncCommands<String, String> cluster) {
                infos.addAll(cluster.masters().commands().info("memory").asMap().values());
            } else {
                infos.add(redis.info("memory"));
            }
            double fullest = 0;
            for (CompletionStage<String> info : infos) {
                fullest = Math.max(fullest, share(info.toCompletableFuture().get(timeout.toMillis(),
                        TimeUnit.MILLISECONDS)));
            }
            memoryInUse = fullest;
            boolean refuse = fullest > options.maxMemory();
            if (refuse != refusing) {
                refusing = refuse;
                if (refuse) {
                    log.warn("Redis uses {}% of its maxmemory, above {} = {}: new sagas are refused until it is below",
                            Math.round(fullest * 100), MAX_MEMORY, options.maxMemory());
                } else {
                    log.info("Redis uses {}% of its maxmemory again: new sagas are admitted", Math.round(fullest * 100));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("sampling Redis memory failed, the next round retries: {}", e.toString());
        }
    }

    /**
     * Refuses a start that needs the given groups when a limit is passed.
     *
     * @throws SagaRejectedException naming the limit
     */
    void check(Set<String> groups) {
        double inUse = memoryInUse;
        if (watchesMemory() && inUse > options.maxMemory()) {
            throw new SagaRejectedException(MAX_MEMORY, "Redis uses " + Math.round(inUse * 100)
                    + "% of its maxmemory, above " + Math.round(options.maxMemory() * 100) + "%",
                    atLeastASecond(options.sampleInterval().multipliedBy(2)));
        }
        if (options.maxBacklog() > 0 && !groups.isEmpty()) {
            for (GroupBacklog backlog : backlogs.get()) {
                if (groups.contains(backlog.group()) && backlog.waiting() > options.maxBacklog()) {
                    throw new SagaRejectedException(MAX_BACKLOG, backlog.waiting() + " messages wait on group "
                            + backlog.group() + " (" + backlog.liveNodes() + " live nodes), above "
                            + options.maxBacklog(), atLeastASecond(backlogInterval.multipliedBy(2)));
                }
            }
        }
    }

    private static Duration atLeastASecond(Duration retryAfter) {
        return retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter;
    }

    /** used_memory / maxmemory of an INFO memory reply, 0 without a maxmemory. */
    static double share(String info) {
        long used = 0;
        long max = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                used = Long.parseLong(line.substring("used_memory:".length()).trim());
            } else if (line.startsWith("maxmemory:")) {
                max = Long.parseLong(line.substring("maxmemory:".length()).trim());
            }
        }
        return max == 0 ? 0 : (double) used / max;
    }
}
