package dev.netx.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

/**
 * Where and when the figures were measured.
 *
 * @param date          start of the benchmark, ISO-8601 with offset
 * @param cpu           the CPU model ({@code /proc/cpuinfo}), {@code unknown} elsewhere
 * @param cores         processors available to the JVM
 * @param memoryGb      physical memory in GiB
 * @param os            operating system name, version and architecture
 * @param java          the JVM's vendor and version
 * @param redis         the redis-server version
 * @param jvmArguments  the JVM's input arguments
 */
public record Environment(String date, String cpu, int cores, double memoryGb, String os, String java, String redis,
        String jvmArguments) {

    /** This machine now, with the given Redis version. */
    public static Environment detect(String redisVersion) {
        long memory = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : 0;
        return new Environment(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), cpuModel(),
                Runtime.getRuntime().availableProcessors(), Math.round(memory / 1073741824.0 * 10) / 10.0,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"), redisVersion,
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.substring(line.indexOf(':') + 1)
                    .strip()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
