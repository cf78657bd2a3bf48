package dev.netx.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Formats a report as Markdown tables, ready for the README and readable on a terminal. */
public final class TablePrinter {

    private record Column(String header, Function<RunResult, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("wl", RunResult::workload),
            new Column("redis", RunResult::topology),
            new Column("nodes", RunResult::nodes),
            new Column("shards", RunResult::shards),
            new Column("load", RunResult::load),
            new Column("s", r -> Math.round(r.seconds())),
            new Column("sagas/s", r -> Math.round(r.sagasPerSecond())),
            new Column("min 1s", RunResult::minSagasPerSecond),
            new Column("p50 ms", RunResult::p50Ms),
            new Column("p99 ms", RunResult::p99Ms),
            new Column("p99.9 ms", RunResult::p999Ms),
            new Column("cmds/saga", RunResult::commandsPerSaga),
            new Column("req/saga", RunResult::requestsPerSaga),
            new Column("reads/saga", RunResult::readsPerSaga),
            new Column("entries/saga", RunResult::entriesPerSaga),
            new Column("% ceiling", r -> format(100 * r.ceilingFraction(), 1)),
            new Column("redis cpu %", RunResult::redisCpuPercent),
            new Column("jvm cpu %", RunResult::jvmCpuPercent),
            new Column("redis µs/saga", r -> Math.round(r.redisCpuMicrosPerSaga())),
            new Column("jvm µs/saga", r -> Math.round(r.jvmCpuMicrosPerSaga())),
            new Column("KiB alloc/saga", RunResult::allocatedKbPerSaga),
            new Column("errors", RunResult::errors));

    private TablePrinter() {
    }

    /** The environment, the ceilings, the memory figures and one row per run. */
    public static String format(Report report) {
        StringBuilder out = new StringBuilder();
        Environment env = report.environment();
        out.append(String.format(Locale.ROOT, "%s: %s, %d cores, %.1f GiB, %s; %s; Redis %s (same machine)%n",
                env.date(), env.cpu(), env.cores(), env.memoryGb(), env.os(), env.java(), env.redis()));
        out.append("command: ").append(report.command()).append("\n\n");
        for (Ceiling ceiling : report.ceilings()) {
            out.append(String.format(Locale.ROOT, "ceiling %s: %,.0f steps/s (XADD+XREADGROUP+XACK, %d streams, "
                    + "%d in flight; Redis cpu %.0f%%, JVM cpu %.0f%% of one core)%n", ceiling.topology(),
                    ceiling.stepsPerSecond(), ceiling.streams(), ceiling.inFlight(), ceiling.redisCpuPercent(),
                    ceiling.jvmCpuPercent()));
        }
        MemoryFigures memory = report.memory();
        if (memory != null) {
            out.append(String.format(Locale.ROOT, "memory: %.2f MiB per 10,000 sagas in flight; %,.0f B per "
                    + "finished saga; %.2f MiB and %d keys left %d s (the retention) after the last one ended%n",
                    memory.inFlightMbPer10k(), memory.finishedBytesPerSaga(), memory.afterRetentionMb(),
                    memory.keysAfterRetention(), memory.retentionSeconds()));
        }
        out.append('\n');
        out.append(row(COLUMNS.stream().map(Column::header).toList()));
        out.append(row(COLUMNS.stream().map(c -> "---").toList()));
        for (RunResult run : report.runs()) {
            out.append(row(COLUMNS.stream().map(c -> String.valueOf(c.value().apply(run))).toList()));
        }
        out.append('\n');
        report.method().forEach(line -> out.append("- ").append(line).append('\n'));
        return out.toString();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
