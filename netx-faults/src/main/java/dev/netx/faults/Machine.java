package dev.netx.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine a run happened on, for the report: date, CPU, cores, memory, JVM, Redis, command. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe(String redisVersion, List<String> args) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("startedAt", Instant.now().toString());
        machine.put("cpu", firstValue("/proc/cpuinfo", "model name"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory", firstValue("/proc/meminfo", "MemTotal"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("redis", redisVersion);
        machine.put("command", "java -jar netx-faults/target/netx-faults.jar " + String.join(" ", args));
        return machine;
    }

    private static String firstValue(String file, String name) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(name))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
