package dev.netx.benchmarks;

import java.util.Map;
import java.util.TreeMap;

/**
 * What Redis reported at one moment, summed over its servers: commands run by type (from
 * {@code INFO commandstats}, commands inside Lua scripts included), socket reads processed
 * ({@code total_reads_processed}: one read may carry several pipelined requests), memory used and
 * CPU seconds spent.
 *
 * @param commands    calls by command name, lower case as Redis names them ({@code xadd}, {@code evalsha})
 * @param micros      microseconds Redis spent in each command (a script's time includes its commands')
 * @param reads       {@code total_reads_processed}
 * @param usedMemory  {@code used_memory} in bytes
 * @param cpuSeconds  {@code used_cpu_user + used_cpu_sys}
 * @param keys        keys in every database
 */
public record RedisSample(Map<String, Long> commands, Map<String, Long> micros, long reads, long usedMemory,
        double cpuSeconds, long keys) {

    /** Copies the maps. */
    public RedisSample {
        commands = Map.copyOf(commands);
        micros = Map.copyOf(micros);
    }

    /** All commands, except the harness's own {@code INFO} and {@code DBSIZE} calls. */
    public long totalCommands() {
        return commands.entrySet().stream().filter(e -> !isHarness(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** What happened between {@code earlier} and this sample; memory and keys as differences too. */
    public RedisSample since(RedisSample earlier) {
        return new RedisSample(delta(commands, earlier.commands), delta(micros, earlier.micros), reads - earlier.reads,
                usedMemory - earlier.usedMemory, cpuSeconds - earlier.cpuSeconds, keys - earlier.keys);
    }

    private static Map<String, Long> delta(Map<String, Long> now, Map<String, Long> earlier) {
        Map<String, Long> delta = new TreeMap<>();
        now.forEach((name, value) -> {
            long diff = value - earlier.getOrDefault(name, 0L);
            if (diff > 0 && !isHarness(name)) {
                delta.put(name, diff);
            }
        });
        return delta;
    }

    private static boolean isHarness(String command) {
        return command.equals("info") || command.equals("dbsize");
    }
}
