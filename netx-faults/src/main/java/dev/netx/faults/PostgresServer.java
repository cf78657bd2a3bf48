package dev.netx.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of the suite's own: {@code initdb} into a new temporary directory, then
 * {@code postgres} on a free port of 127.0.0.1 (never 5432, the machine's own server), trust
 * authentication for {@link RoleDatabase#USER}, no fsync (its data is thrown away with it). The
 * binaries are Debian's, from the newest {@code /usr/lib/postgresql/<version>/bin}, else the
 * {@code PATH}. Run as root, initdb and postgres refuse to start, so they run as the {@code postgres}
 * OS user (through {@code setpriv}, which execs them: the child process is the postmaster itself).
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private final Path directory;
    private final Process process;
    private final int port;

    private PostgresServer(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    /** Creates a cluster in a new temporary directory and starts its server; blocks until it takes connections. */
    static PostgresServer start() {
        Path bin = binaries();
        Path directory;
        try {
            directory = Files.createTempDirectory("netx-faults-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = directory.resolve("data");
        Path serverLog = directory.resolve("postgres.log");
        asPostgresUser(directory);
        run(command(bin.resolve("initdb"), "-D", data.toString(), "-U", RoleDatabase.USER, "--auth=trust",
                "--encoding=UTF8", "--locale=C", "--no-sync"), directory.resolve("initdb.log"));
        int port = freePort();
        try {
            Process process = new ProcessBuilder(command(bin.resolve("postgres"), "-D", data.toString(),
                    "-p", Integer.toString(port), "-k", directory.toString(), "-c", "listen_addresses=127.0.0.1",
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=200")).redirectErrorStream(true)
                    .redirectOutput(serverLog.toFile()).start();
            PostgresServer server = new PostgresServer(directory, process, port);
            if (Waits.until(START_BOUND, () -> !process.isAlive() || server.answers()).isEmpty() || !process.isAlive()) {
                String output = Files.readString(serverLog);
                server.close();
                throw new IllegalStateException("PostgreSQL did not start on port " + port + ": " + output);
            }
            log.info("PostgreSQL up on port {} (pid {}, {})", port, process.pid(), directory);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** The JDBC URL of a database of this server. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database. Blocks. */
    void createDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(url("postgres"), RoleDatabase.USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + name, e);
        }
    }

    /** Stops the server (fast shutdown, then SIGKILL after 20 s) and deletes its directory. */
    @Override
    public void close() {
        if (process.isAlive()) {
            // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to leave
            Signals.interrupt(process.pid());
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", directory, e.toString());
        }
    }

    private boolean answers() {
        try (Connection connection = DriverManager.getConnection(url("postgres"), RoleDatabase.USER, "")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static Path binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(debian)) {
                List<Path> found = new ArrayList<>();
                versions.forEach(version -> {
                    if (Files.isExecutable(version.resolve("bin").resolve("initdb"))) {
                        found.add(version.resolve("bin"));
                    }
                });
                return found.stream().max(Comparator.comparingInt(PostgresServer::major))
                        .orElseGet(PostgresServer::fromPath);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fromPath();
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Path fromPath() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(Path::of)
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries (initdb, postgres)"
                        + " in /usr/lib/postgresql/*/bin nor on the PATH: apt-get install postgresql"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command, as the postgres OS user when the suite runs as root. */
    private static List<String> command(Path binary, String... arguments) {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"));
        }
        command.add(binary.toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private static void asPostgresUser(Path directory) {
        if (!isRoot()) {
            return;
        }
        try {
            UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            Files.setOwner(directory, postgres);
        } catch (IOException e) {
            throw new IllegalStateException("running as root, PostgreSQL must run as the postgres OS user, which"
                    + " cannot own " + directory, e);
        }
    }

    private static void run(List<String> command, Path output) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /**
     * A free port of 127.0.0.1 between 10000 and 32000, below the ephemeral range as netx-test picks
     * Redis's, and so never the machine's own PostgreSQL on 5432.
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, 32_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException e) {
                // taken: draw another
            }
        }
        throw new IllegalStateException("no free port for PostgreSQL between 10000 and 32000");
    }
}
