package dev.netx.benchmarks;

import java.util.List;

/**
 * Everything one invocation measured, as written to {@code results.json}.
 *
 * @param environment where and when
 * @param command     the arguments it ran with
 * @param method      how each figure is measured, in words
 * @param ceilings    the Redis step ceiling of each topology measured
 * @param memory      the memory probe's figures, {@code null} if it did not run
 * @param runs        the measurement points, in the order they ran
 */
public record Report(Environment environment, String command, List<String> method, List<Ceiling> ceilings,
        MemoryFigures memory, List<RunResult> runs) {

    /** How the figures are measured; printed under the table and written to the JSON. */
    public static final List<String> METHOD = List.of(
            "sagas/s: sagas that ended as expected in the window (committed; rolled back for b) per second",
            "latency: from the saga() / start() call to its outcome (open loop: from the intended arrival time),"
                    + " HdrHistogram",
            "cmds/saga: Redis INFO commandstats delta (commands inside Lua scripts included; harness INFO excluded)",
            "req/saga: requests the Netx clients sent (Lettuce CommandListener); each is one request/reply round trip",
            "reads/saga: Redis total_reads_processed delta; pipelined requests arriving in one read count once",
            "entries/saga: XADD calls (stream messages moved per saga)",
            "% ceiling: entries/saga x sagas/s over the step ceiling (XADD + XREADGROUP + XACK cycles/s, pipelined)",
            "alloc: JVM bytes allocated per saga by all live threads (Netx, Lettuce, load generator)",
            "cpu: Redis used_cpu_user+sys and JVM process CPU, percent of one core and microseconds per saga",
            "nodes: per service group, each on its own Lettuce client; all in this JVM, Redis on the same machine");

    /** Copies the lists. */
    public Report {
        method = List.copyOf(method);
        ceilings = List.copyOf(ceilings);
        runs = List.copyOf(runs);
    }
}
