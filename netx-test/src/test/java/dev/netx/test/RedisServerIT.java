package dev.netx.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netx.test.RedisServerOptions.Persistence;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisServerIT {

    private static RedisLauncher launcher;
    private final TestClients clients = new TestClients();

    @BeforeAll
    static void startLauncher() {
        launcher = new RedisLauncher();
    }

    @AfterAll
    static void closeLauncher() {
        launcher.close();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void killedServerRefusesConnectionsOnItsPort() {
        RedisServer server = launcher.standalone();
        assertThat(clients.connect(server).ping()).isEqualTo("PONG");

        server.kill();

        assertThat(server.isAlive()).isFalse();
        assertThatThrownBy(() -> new Socket(server.host(), server.port()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void aofAlwaysKeepsEveryWriteAcrossAKillAndRestart() {
        RedisServer server = launcher.standalone(RedisServerOptions.defaults().withPersistence(Persistence.AOF_ALWAYS));
        clients.connect(server).mset(Map.of("a", "1", "b", "2"));
        int port = server.port();
        long pid = server.pid();

        server.kill();
        server.restart();

        assertThat(server.port()).isEqualTo(port);
        assertThat(server.pid()).isNotEqualTo(pid);
        RedisCommands<String, String> redis = clients.connect(server);
        assertThat(redis.get("a")).isEqualTo("1");
        assertThat(redis.get("b")).isEqualTo("2");
    }

    @Test
    void withoutPersistenceARestartedServerIsEmpty() {
        RedisServer server = launcher.standalone();
        clients.connect(server).set("a", "1");

        server.kill();
        server.restart();

        assertThat(clients.connect(server).dbsize()).isZero();
    }

    @Test
    void pausedServerTimesCommandsOutAndAnswersAgainOnceResumed() {
        RedisServer server = launcher.standalone();
        RedisCommands<String, String> redis = clients.connect(server.redisUri(), Duration.ofMillis(300));
        assertThat(redis.ping()).isEqualTo("PONG");

        server.pause();

        assertThat(server.isAlive()).isTrue();
        assertThatThrownBy(redis::ping).isInstanceOf(RedisCommandTimeoutException.class);

        server.resume();

        assertThat(redis.ping()).isEqualTo("PONG");
        assertThat(clients.connect(server).ping()).isEqualTo("PONG");
    }

    @Test
    void stoppedServerRestartsOnTheSamePort() throws Exception {
        RedisServer server = launcher.standalone();
        int port = server.port();

        server.stop();

        assertThat(server.isAlive()).isFalse();
        assertThatThrownBy(() -> new Socket(server.host(), port).close()).isInstanceOf(ConnectException.class);

        server.restart();

        assertThat(server.isAlive()).isTrue();
        assertThat(server.port()).isEqualTo(port);
        assertThat(server.uri()).isEqualTo("redis://127.0.0.1:" + port);
        assertThat(clients.connect(server).ping()).isEqualTo("PONG");
    }

    @Test
    void stoppingAPausedServerEndsIt() {
        RedisServer server = launcher.standalone();
        server.pause();

        server.stop();

        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void extraArgumentsReachTheServer() {
        RedisServer server = launcher.standalone(RedisServerOptions.defaults().withExtraArgs("--maxmemory", "10mb"));

        assertThat(clients.connect(server).configGet("maxmemory")).containsEntry("maxmemory", Long.toString(10L * 1024 * 1024));
    }

    @Test
    void serverLogsToAFileInItsDirectory() {
        RedisServer server = launcher.standalone();

        assertThat(server.dataDir().resolve(ServerCommand.LOG_FILE)).satisfies(log ->
                assertThat(Files.readString(log)).contains("Ready to accept connections"));
    }

    @Test
    void startTriesAnotherPortWhenTheChosenOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Iterator<Integer> ports = List.of(taken.getLocalPort(), FreePorts.any()).iterator();
            ServerCommand command = new ServerCommand(launcher.binary(), Files.createTempDirectory("netx-port-taken"), List.of(), List.of());

            try (RedisServer server = RedisServer.start(command, ports::next)) {
                assertThat(server.port()).isNotEqualTo(taken.getLocalPort());
                assertThat(clients.connect(server).ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void serverThatCannotStartFailsWithTheEndOfItsLog() {
        RedisServerOptions options = RedisServerOptions.defaults().withExtraArgs("--no-such-directive", "1");

        assertThatThrownBy(() -> launcher.standalone(options))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited")
                .hasMessageContaining("no-such-directive");
    }

    @Test
    void closedServerIsGoneWithItsDirectory() {
        RedisServer server = launcher.standalone();
        server.pause();

        server.close();
        server.close();

        assertThat(ProcessHandle.of(server.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(server.dataDir()).doesNotExist();
    }
}
