package dev.netx.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness still works: a smoke run of every workload completes sagas and writes its results.
 * Speed is never asserted here; the figures are for people to read.
 */
class BenchmarkSmokeIT {

    @Test
    void everyWorkloadCompletesSagasAndTheResultsAreWritten(@TempDir Path out) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse("--suite", "smoke", "--out", out.toString());

        Report report = Benchmark.run(options, "--suite smoke");
        Path json = ReportWriter.write(report, options.out());

        assertThat(report.runs()).extracting(RunResult::workload).containsExactly("a", "b", "c", "d");
        assertThat(report.runs()).allSatisfy(run -> assertThat(run.sagas()).as("sagas of %s", run.workload())
                .isPositive());
        assertThat(report.ceilings()).singleElement().satisfies(c -> assertThat(c.stepsPerSecond()).isPositive());
        assertThat(report.memory()).isNotNull();
        assertThat(Files.readString(json)).contains("\"runs\"", "\"sagasPerSecond\"");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(1 + report.runs().size())
                .first().asString().startsWith("workload,topology,nodes");
        assertThat(out.resolve("results.md")).isNotEmptyFile();
    }
}
