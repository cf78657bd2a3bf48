package dev.netx.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * What this JVM had spent at one moment: CPU time of the process and bytes allocated by its live
 * threads. Allocation of threads that ended before the sample is lost; Netx and Lettuce threads live
 * for the whole run, so the loss is small.
 *
 * @param cpuNanos       process CPU time
 * @param allocatedBytes bytes allocated by every live thread, {@code -1} if the JVM cannot tell
 */
public record JvmSample(long cpuNanos, long allocatedBytes) {

    /** Samples now. */
    public static JvmSample take() {
        long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new JvmSample(cpu, allocated());
    }

    /** Summed per thread: getTotalThreadAllocatedBytes is not in Java 17's API (only in some builds of it). */
    private static long allocated() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            if (bytes > 0) {
                total += bytes;
            }
        }
        return total;
    }
}
