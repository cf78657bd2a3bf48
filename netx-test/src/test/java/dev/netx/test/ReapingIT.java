package dev.netx.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReapingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void closeLeavesNoProcessAndNoDirectory() {
        RedisServer running;
        RedisServer paused;
        RedisServer killed;
        try (RedisLauncher launcher = new RedisLauncher()) {
            running = launcher.standalone();
            paused = launcher.standalone();
            paused.pause();
            killed = launcher.standalone();
            killed.kill();
        }

        assertThat(List.of(running, paused, killed)).allSatisfy(server -> {
            assertThat(Processes.isRunning(server.pid())).isFalse();
            assertThat(server.dataDir()).doesNotExist();
        });
    }

    @Test
    void newLauncherReapsAServerLeftInTheDirectoryOfADeadJvm() throws Exception {
        long deadJvm = pidOfAnExitedProcess();
        Path dir = Files.createDirectories(RunDirectory.root().resolve(Long.toString(deadJvm)).resolve("standalone-1"));
        int port = FreePorts.any();
        Process leftover = new ProcessBuilder(RedisBinary.resolve().path().toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        Files.writeString(dir.resolve(RunDirectory.PID_FILE), Long.toString(leftover.pid()));
        await().atMost(TIMEOUT).until(() -> Ping.pong("127.0.0.1", port));

        new RedisLauncher().close();

        assertThat(leftover.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(dir.getParent()).doesNotExist();
    }

    @Test
    void newLauncherReapsTheServerOfAJvmKilledWithSigkill() throws Exception {
        Process jvm = strayJvm("wait");
        String[] ready = readyLine(jvm);
        long redisPid = Long.parseLong(ready[1]);
        Path dataDir = Path.of(ready[2]);

        jvm.destroyForcibly();
        assertThat(jvm.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(Processes.isRunning(redisPid)).as("orphaned redis-server").isTrue();

        new RedisLauncher().close();

        assertThat(Processes.isRunning(redisPid)).isFalse();
        assertThat(dataDir.getParent()).doesNotExist();
    }

    @Test
    void jvmExitReapsTheServersOfLaunchersLeftOpen() throws Exception {
        Process jvm = strayJvm("exit");
        String[] ready = readyLine(jvm);
        long redisPid = Long.parseLong(ready[1]);
        Path dataDir = Path.of(ready[2]);

        assertThat(jvm.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(Processes.isRunning(redisPid)).isFalse();
        assertThat(dataDir).doesNotExist();
    }

    private static long pidOfAnExitedProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    private static Process strayJvm(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StrayJvm.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** The {@code READY <redis pid> <data dir>} line of a stray JVM. */
    private static String[] readyLine(Process jvm) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("READY ")) {
                        return line.split(" ");
                    }
                }
                throw new IllegalStateException("The stray JVM ended without starting its server");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
