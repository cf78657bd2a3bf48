package dev.netx.samples.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own: {@code initdb} into a temporary directory, started by
 * {@code pg_ctl} on a free port of 127.0.0.1 (trust authentication, fsync off), stopped and deleted
 * on {@link #close()} or when the JVM exits. It uses Debian's binaries
 * ({@code /usr/lib/postgresql/<version>/bin}, the newest), else {@code initdb} on the PATH, and fails
 * naming where it looked when there are none: it never skips. As root (initdb refuses root) it runs
 * them as the {@code postgres} user that Debian's package creates. Blocking.
 */
final class TestPostgres implements AutoCloseable {

    /** The superuser every connection uses. */
    static final String USER = "shop";
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
    private static final String OS_USER = "postgres";
    private static final long TIMEOUT_SECONDS = 60;

    private final Path binaries;
    private final Path directory;
    private final int port;
    private final Thread stopAtExit = new Thread(this::stop, "test-postgres-stop");
    private boolean stopped;

    private TestPostgres(Path binaries, Path directory, int port) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
    }

    /** Creates a cluster and starts it; throws if PostgreSQL is not installed or does not start. */
    static TestPostgres start() {
        Path binaries = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed: no initdb"
                + " and pg_ctl in " + DEBIAN + "/*/bin nor on the PATH. Install Debian's postgresql package"
                + " (apt-get install postgresql; .ci/run does) or put its bin directory on the PATH."));
        TestPostgres postgres;
        try {
            postgres = new TestPostgres(binaries, ownDirectory(), FreePorts.any());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(postgres.stopAtExit);
        try {
            postgres.run("initdb", "-D", postgres.data(), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-sync");
            postgres.run("pg_ctl", "-D", postgres.data(), "-l", postgres.log().toString(), "-w",
                    "-t", Long.toString(TIMEOUT_SECONDS), "-o", "-p " + postgres.port + " -k " + postgres.directory
                            + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
            return postgres;
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** A new directory that the user running the binaries owns. */
    private static Path ownDirectory() throws IOException {
        Path directory = Files.createTempDirectory("netx-postgres");
        if (asRoot()) {
            try {
                Files.setOwner(directory, FileSystems.getDefault().getUserPrincipalLookupService()
                        .lookupPrincipalByName(OS_USER));
            } catch (UserPrincipalNotFoundException e) {
                Files.delete(directory);
                throw new IllegalStateException("As root, PostgreSQL's binaries run as the " + OS_USER
                        + " user (initdb refuses root), and there is none: Debian's postgresql package creates it");
            }
        }
        return directory;
    }

    /** The JDBC URL of a database of this server; {@code applicationName} shows in {@code pg_stat_activity}. */
    String jdbcUrl(String database, String applicationName) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?ApplicationName=" + applicationName;
    }

    /** A new connection to a database of this server, as {@link #USER}. */
    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database, "test"), USER, "");
    }

    /** Creates an empty database. */
    void createDatabase(String name) throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    /** Stops the server at once and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook stops the server
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (Files.exists(directory.resolve("data/postmaster.pid"))) {
                run("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            deleteRecursively(directory);
        }
    }

    private String data() {
        return directory.resolve("data").toString();
    }

    private void run(String binary, String... args) {
        List<String> command = new ArrayList<>(asRoot() ? List.of("runuser", "-u", OS_USER, "--") : List.of());
        command.add(binaries.resolve(binary).toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("netx-postgres-" + binary, ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish in " + TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command + " failed (" + process.exitValue() + "):\n"
                            + Files.readString(output) + logTail());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private Path log() {
        return directory.resolve("postgres.log");
    }

    private String logTail() throws IOException {
        return Files.exists(log()) ? "\nserver log:\n" + Files.readString(log()) : "";
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest of Debian's PostgreSQL versions, else the directory of the initdb on the PATH. */
    private static Optional<Path> binaries() {
        if (Files.isDirectory(DEBIAN)) {
            try (Stream<Path> versions = Files.list(DEBIAN)) {
                Optional<Path> newest = versions.map(version -> version.resolve("bin")).filter(TestPostgres::complete)
                        .max(Comparator.comparingInt(TestPostgres::majorVersion));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(entry -> !entry.isEmpty())
                .map(Path::of).filter(TestPostgres::complete).findFirst();
    }

    private static boolean complete(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
