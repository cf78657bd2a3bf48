package dev.netx.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a benchmark run: where CPU samples fall ({@code jdk.ExecutionSample}:
 * top frames, methods on the stack, threads, Netx and Lettuce methods) and what is allocated
 * ({@code jdk.ObjectAllocationSample}, by weight: classes and the Netx frame that allocated).
 *
 * <pre>{@code
 * java -XX:StartFlightRecording=settings=profile,filename=a.jfr -jar netx-benchmarks.jar --workload a --duration 60s
 * java -cp netx-benchmarks.jar dev.netx.benchmarks.JfrSummary a.jfr
 * }</pre>
 */
public final class JfrSummary {

    private static final int TOP = 25;

    private final Map<String, Map<String, Long>> tables = new LinkedHashMap<>();
    private final Map<String, Long> totals = new LinkedHashMap<>();

    private JfrSummary() {
    }

    /** Prints the summary of the recording named by the first argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JfrSummary <recording.jfr>");
            System.exit(2);
        }
        JfrSummary summary = new JfrSummary();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            summary.add(event);
        }
        summary.print();
    }

    private void add(RecordedEvent event) {
        String type = event.getEventType().getName();
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        List<RecordedFrame> frames = stack.getFrames();
        if (type.equals("jdk.ExecutionSample")) {
            count("cpu", "self (top frame)", name(frames.get(0)), 1);
            distinct(frames, f -> true).forEach(m -> count("cpu", "on the stack (inclusive)", m, 1));
            distinct(frames, JfrSummary::isNetx).forEach(m -> count("cpu", "netx methods (inclusive)", m, 1));
            count("cpu", "top-frame package", packageOf(frames.get(0)), 1);
            RecordedThread thread = event.getThread("sampledThread");
            count("cpu", "threads", thread == null ? "?" : threadGroup(thread.getJavaName()), 1);
        } else if (type.equals("jdk.ObjectAllocationSample")) {
            long weight = event.getLong("weight");
            count("alloc", "allocated class (bytes)", event.getClass("objectClass").getName(), weight);
            String netx = frames.stream().filter(JfrSummary::isNetx).map(JfrSummary::name).findFirst()
                    .orElse("(no netx frame)");
            count("alloc", "first netx frame (bytes)", netx, weight);
            count("alloc", "top frame (bytes)", name(frames.get(0)), weight);
        }
    }

    private void count(String kind, String table, String key, long weight) {
        tables.computeIfAbsent(kind + ": " + table, t -> new LinkedHashMap<>()).merge(key, weight, Long::sum);
        if (table.startsWith("self") || table.startsWith("allocated class")) {
            totals.merge(kind, weight, Long::sum);
        }
    }

    private void print() {
        tables.forEach((table, counts) -> {
            long total = totals.getOrDefault(table.substring(0, table.indexOf(':')), 1L);
            System.out.printf(Locale.ROOT, "%n== %s (of %,d)%n", table, total);
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                    .forEach(e -> System.out.printf(Locale.ROOT, "%6.2f%%  %s%n", 100.0 * e.getValue() / total,
                            e.getKey()));
        });
    }

    private static Set<String> distinct(List<RecordedFrame> frames, Predicate<RecordedFrame> filter) {
        Set<String> names = new HashSet<>();
        frames.stream().filter(filter).forEach(frame -> names.add(name(frame)));
        return names;
    }

    private static boolean isNetx(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.startsWith("dev.netx.") && !type.startsWith("dev.netx.benchmarks.");
    }

    /** The frame's class and method; generated lambda classes lose their unstable numbers. */
    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName().replaceAll("\\$\\$Lambda.*", "\\$\\$Lambda");
        return type + "." + frame.getMethod().getName();
    }

    private static String packageOf(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    /** Thread names without their counters: {@code netx-handler-7} becomes {@code netx-handler-N}. */
    private static String threadGroup(String name) {
        return name == null ? "?" : name.replaceAll("\\d+", "N");
    }
}
