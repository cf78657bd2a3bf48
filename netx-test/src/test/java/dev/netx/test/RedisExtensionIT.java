package dev.netx.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.netx.test.RedisServerOptions.Persistence;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

@RedisTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisExtensionIT {

    private static RedisServer beforeAllServer;
    private static RedisServer firstTestServer;

    private final RedisServer constructorServer;
    private RedisServer beforeEachServer;

    RedisExtensionIT(RedisServer server) {
        this.constructorServer = server;
    }

    @BeforeAll
    static void rememberClassServer(RedisServer server) {
        beforeAllServer = server;
    }

    @BeforeEach
    void rememberTestServer(RedisServer server) {
        beforeEachServer = server;
    }

    @Test
    @Order(1)
    void constructorAndBeforeAllShareOneServerWhileATestGetsItsOwn(RedisServer server, RedisLauncher launcher) {
        assertThat(constructorServer).isSameAs(beforeAllServer);
        assertThat(server).isSameAs(beforeEachServer).isNotSameAs(constructorServer);
        try (TestClients clients = new TestClients()) {
            assertThat(clients.connect(server).ping()).isEqualTo("PONG");
            assertThat(clients.connect(constructorServer).ping()).isEqualTo("PONG");
            assertThat(clients.connect(server).configGet("appendonly")).containsEntry("appendonly", "no");
        }
        assertThat(launcher.binary()).isEqualTo(RedisBinary.resolve());
        firstTestServer = server;
    }

    @Test
    @Order(2)
    void theServerOfAFinishedTestIsClosedAndTheClassServerLivesOn(RedisServer server) {
        assertThat(server).isNotSameAs(firstTestServer);
        assertThat(firstTestServer.isAlive()).isFalse();
        assertThat(firstTestServer.dataDir()).doesNotExist();
        assertThat(constructorServer).isSameAs(beforeAllServer);
        assertThat(constructorServer.isAlive()).isTrue();
    }

    @Test
    @Order(3)
    void afterATestClassItsLauncherAndServersAreClosedWithTheAnnotatedPersistence() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(AofSample.class)).build(), listener);

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(List.of(AofSample.classServer, AofSample.testServer)).allSatisfy(server -> {
            assertThat(server.isAlive()).isFalse();
            assertThat(server.dataDir()).doesNotExist();
        });
        assertThatThrownBy(AofSample.launcher::standalone).isInstanceOf(IllegalStateException.class);
    }

    /** Run by the test above only: as a nested class, failsafe does not pick it up by itself. */
    @RedisTest(persistence = Persistence.AOF_ALWAYS)
    static class AofSample {

        static RedisServer classServer;
        static RedisServer testServer;
        static RedisLauncher launcher;

        @BeforeAll
        static void rememberClassServer(RedisServer server) {
            classServer = server;
        }

        @Test
        void serverPersistsAsAnnotated(RedisServer server, RedisLauncher redisLauncher) {
            testServer = server;
            launcher = redisLauncher;
            try (TestClients clients = new TestClients()) {
                assertThat(clients.connect(server).configGet("appendonly")).containsEntry("appendonly", "yes");
                assertThat(clients.connect(classServer).configGet("appendfsync")).containsEntry("appendfsync", "always");
            }
        }
    }
}
