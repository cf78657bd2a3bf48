package dev.netx.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** SIGSTOP, SIGCONT and SIGINT, which the JDK cannot send, through the shell's built-in {@code kill}. */
final class Signals {

    private Signals() {
    }

    /** Freezes the process. Blocks until {@code kill} returns. */
    static void stop(long pid) {
        send("STOP", pid);
    }

    /** Continues a frozen process. Blocks until {@code kill} returns. */
    static void resume(long pid) {
        send("CONT", pid);
    }

    /** SIGINT (PostgreSQL's fast shutdown). Blocks until {@code kill} returns. */
    static void interrupt(long pid) {
        send("INT", pid);
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " " + pid)
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending SIG" + signal + " to " + pid, e);
        }
    }
}
