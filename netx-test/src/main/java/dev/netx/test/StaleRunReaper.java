package dev.netx.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after JVMs that died without closing their launchers (killed with {@code kill -9}, say):
 * kills the {@code redis-server} processes left in their run directories and deletes the directories.
 */
final class StaleRunReaper {

    private static final Logger log = LoggerFactory.getLogger(StaleRunReaper.class);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

    private StaleRunReaper() {
    }

    /** Reaps every run directory under the root whose owner JVM is no longer alive; blocks until done. */
    static void reap(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root)) {
            for (Path run : runs) {
                ownerPid(run).filter(pid -> !Processes.isRunning(pid)).ifPresent(pid -> reapRun(run, pid));
            }
        } catch (IOException e) {
            log.warn("Cannot scan {} for servers left by dead JVMs", root, e);
        }
    }

    private static void reapRun(Path run, long ownerPid) {
        try (Stream<Path> pidFiles = Files.find(run, 2, (file, attrs) -> file.endsWith(RunDirectory.PID_FILE))) {
            pidFiles.forEach(StaleRunReaper::killIfRedis);
        } catch (IOException e) {
            log.warn("Cannot scan {} for leftover redis-server processes", run, e);
        }
        try {
            RunDirectory.deleteRecursively(run);
            log.warn("Removed {}, left by JVM {} that is gone", run, ownerPid);
        } catch (RuntimeException e) {
            log.warn("Cannot remove {}, left by JVM {} that is gone", run, ownerPid, e);
        }
    }

    private static void killIfRedis(Path pidFile) {
        Optional<ProcessHandle> process = readPid(pidFile).filter(Processes::isRunning).flatMap(ProcessHandle::of);
        if (process.isEmpty()) {
            return;
        }
        ProcessHandle handle = process.get();
        String commandLine = Processes.commandLine(handle);
        // The pid may have been recycled by an unrelated process: kill only a redis-server.
        if (!commandLine.contains("redis-server") && !commandLine.contains("redis-sentinel")) {
            log.warn("Not killing pid {} from {}: it is not a redis-server but '{}'", handle.pid(), pidFile, commandLine);
            return;
        }
        log.warn("Killing leftover redis-server {} ({})", handle.pid(), commandLine);
        handle.destroyForcibly();
        // Not onExit(): an orphan that nobody reaps stays a zombie, which the JDK deems alive.
        long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
        while (Processes.isRunning(handle.pid())) {
            if (System.nanoTime() - deadline > 0) {
                log.warn("Leftover redis-server {} did not exit within {}", handle.pid(), EXIT_TIMEOUT);
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static Optional<Long> ownerPid(Path run) {
        try {
            return Files.isDirectory(run) ? Optional.of(Long.parseLong(run.getFileName().toString())) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
