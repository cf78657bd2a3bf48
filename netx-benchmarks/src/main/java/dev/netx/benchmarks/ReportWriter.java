package dev.netx.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a report to a directory: {@code results.json} (everything), {@code results.csv} (one line
 * per run) and {@code results.md} (the printed tables). Blocking.
 */
public final class ReportWriter {

    /** The CSV columns, in order; the per-command maps are in the JSON only. */
    static final List<String> CSV_HEADER = List.of("workload", "topology", "nodes", "shards", "load", "seconds",
            "sagas", "errors", "sagas_per_s", "min_sagas_per_s_1s", "p50_ms", "p99_ms", "p999_ms", "max_ms",
            "redis_cmds_per_saga", "requests_per_saga", "redis_reads_per_saga", "entries_per_saga",
            "ceiling_fraction", "redis_cpu_pct", "jvm_cpu_pct", "redis_cpu_us_per_saga", "jvm_cpu_us_per_saga",
            "alloc_kib_per_saga", "used_memory_mb");

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReportWriter() {
    }

    /** Writes the three files, creating the directory; returns the JSON file. */
    public static Path write(Report report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve("results.json");
        Files.writeString(json, JSON.writeValueAsString(report));
        Files.writeString(directory.resolve("results.csv"), csv(report));
        Files.writeString(directory.resolve("results.md"), TablePrinter.format(report));
        return json;
    }

    static String csv(Report report) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
        for (RunResult r : report.runs()) {
            out.append(String.join(",", List.of(r.workload(), r.topology(), num(r.nodes()), num(r.shards()),
                    r.load(), num(r.seconds()), num(r.sagas()), num(r.errors()), num(r.sagasPerSecond()),
                    num(r.minSagasPerSecond()), num(r.p50Ms()), num(r.p99Ms()), num(r.p999Ms()), num(r.maxMs()),
                    num(r.commandsPerSaga()), num(r.requestsPerSaga()), num(r.readsPerSaga()),
                    num(r.entriesPerSaga()), num(r.ceilingFraction()), num(r.redisCpuPercent()),
                    num(r.jvmCpuPercent()), num(r.redisCpuMicrosPerSaga()), num(r.jvmCpuMicrosPerSaga()),
                    num(r.allocatedKbPerSaga()), num(r.usedMemoryMb())))).append('\n');
        }
        return out.toString();
    }

    private static String num(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
