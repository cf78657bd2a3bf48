package dev.netx.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what the suite found under its output directory: one JSON file per scenario, {@code
 * summary.json} with the machine and the command, and {@code figures.md}, the lines for the README.
 */
final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path out;
    private final Map<String, Object> environment;

    /** A report into {@code out}, describing the machine and the command. */
    Report(Path out, String redisVersion, List<String> args) {
        this.out = out;
        this.environment = Machine.describe(redisVersion, args);
    }

    /** Writes one scenario's JSON: the result and its figure. */
    void write(ScenarioResult result) {
        write(out.resolve(result.name() + ".json"), entry(result));
    }

    /** Writes summary.json and figures.md. */
    void summarize(List<ScenarioResult> results, double minutes, Map<String, Object> extra) {
        Map<String, Object> summary = new LinkedHashMap<>(environment);
        summary.put("finishedAt", Instant.now().toString());
        summary.put("minutes", Math.round(minutes * 10) / 10.0);
        summary.putAll(extra);
        summary.put("passed", results.stream().allMatch(ScenarioResult::passed));
        summary.put("scenarios", results.stream().map(Report::entry).toList());
        write(out.resolve("summary.json"), summary);
        StringBuilder figures = new StringBuilder();
        figures.append("| scenario | figure | invariants |\n| --- | --- | --- |\n");
        for (ScenarioResult result : results) {
            figures.append("| ").append(result.name()).append(" | ").append(result.figure()).append(" | ")
                    .append(result.passed() ? "held" : "broken: " + result.verdict().violations().size())
                    .append(" |\n");
        }
        try {
            Files.writeString(out.resolve("figures.md"), figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every call, one JSON object a line, for replaying what a caller saw. */
    static void writeCalls(Path file, List<Call> calls) {
        StringBuilder lines = new StringBuilder();
        calls.forEach(call -> lines.append(JSON.writer().without(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(call)).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> entry(ScenarioResult result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("figure", result.figure());
        entry.put("passed", result.passed());
        entry.put("result", result);
        return entry;
    }

    private static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
