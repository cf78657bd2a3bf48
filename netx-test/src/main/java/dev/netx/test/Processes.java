package dev.netx.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What the JDK cannot do with processes: send {@code SIGSTOP} and {@code SIGCONT} (through the
 * shell's {@code kill}), and read, where {@code /proc} exists, whether a process is stopped or a
 * zombie and the command line that Redis rewrites.
 */
final class Processes {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Processes() {
    }

    /** Stops the process and, where {@code /proc} tells, waits until it is stopped. */
    static void stop(long pid) {
        signal("STOP", pid);
        awaitState(pid, true);
    }

    /** Continues a stopped process and, where {@code /proc} tells, waits until it runs. */
    static void resume(long pid) {
        signal("CONT", pid);
        awaitState(pid, false);
    }

    /** Whether the process exists and is not a zombie (whose parent died and that nobody reaps yet). */
    static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
                && state(pid).map(state -> state != 'Z' && state != 'X').orElse(true);
    }

    /** The command line from {@code /proc} where there is one (Redis rewrites its title there), else from the JDK. */
    static String commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ').strip();
            }
        } catch (IOException e) {
            // Exited meanwhile, or not readable: fall back to the JDK's view.
        }
        ProcessHandle.Info info = process.info();
        return info.commandLine().or(info::command).orElse("");
    }

    private static void signal(String signal, long pid) {
        try {
            // The shell's built-in kill exists even where the procps kill binary is not installed.
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " " + pid)
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!kill.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + signal + " to " + pid, e);
        }
    }

    private static void awaitState(long pid, boolean stopped) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Optional<Character> state = state(pid);
            if (state.isEmpty() || (state.get() == 'T') == stopped) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new IllegalStateException("Process " + pid + " did not " + (stopped ? "stop" : "continue") + " within " + TIMEOUT);
    }

    /** The state letter from {@code /proc/<pid>/stat}, if there is one to read. */
    private static Optional<Character> state(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int end = line.lastIndexOf(')');
            return end >= 0 && end + 2 < line.length() ? Optional.of(line.charAt(end + 2)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
