package dev.netx.internal.engine;

import dev.netx.OrchestratorVersion;
import dev.netx.internal.redis.KeySpace;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The orchestrator versions of a group, declared by this node or with sagas running: the running
 * counts that the launch and advance scripts keep per shard, summed, beside the versions declared.
 */
final class RunningVersions {

    private final KeySpace keys;
    private final String group;
    private final Orchestrations orchestrations;

    RunningVersions(KeySpace keys, String group, Orchestrations orchestrations) {
        this.keys = keys;
        this.group = group;
        this.orchestrations = orchestrations;
    }

    /** Reads every shard's counts; sorted by orchestrator and pin. */
    CompletableFuture<List<OrchestratorVersion>> read(RedisClusterAsyncCommands<String, String> redis, int shards) {
        List<CompletableFuture<Map<String, String>>> counts = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            counts.add(redis.hgetall(keys.running(shard, group)).toCompletableFuture());
        }
        return CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, Long> running = new TreeMap<>();
            counts.forEach(count -> count.join().forEach((field, value) ->
                    running.merge(field, Long.parseLong(value), Long::sum)));
            Map<String, OrchestratorDefinition> declared = orchestrations.declared();
            Set<String> all = new TreeSet<>(declared.keySet());
            all.addAll(running.keySet());
            List<OrchestratorVersion> versions = new ArrayList<>();
            for (String field : all) {
                int bar = field.indexOf('|');
                String pin = field.substring(bar + 1);
                int version = Integer.parseInt(pin.substring(0, pin.indexOf(':')));
                versions.add(new OrchestratorVersion(field.substring(0, bar), version, pin,
                        declared.containsKey(field), Math.max(0, running.getOrDefault(field, 0L))));
            }
            return versions;
        });
    }
}
