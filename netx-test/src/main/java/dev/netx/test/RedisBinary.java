package dev.netx.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code redis-server} executable and its version.
 *
 * <p>{@link #resolve()} picks the binary for the whole JVM: the setting {@value #SETTING} (the
 * system property {@value #PROPERTY} wins over the environment variable {@value #SETTING}) names an
 * executable, or is {@value #EMBEDDED} to force the binary embedded in {@code
 * com.github.codemonstur:embedded-redis} (Redis 6.2); without the setting, {@code redis-server}
 * found on {@code PATH}, else the embedded one.
 */
public final class RedisBinary {

    /** Environment variable choosing the binary: a path to an executable, or {@value #EMBEDDED}. */
    public static final String SETTING = "NETX_TEST_REDIS_BINARY";
    /** System property with the same meaning as {@value #SETTING}, which it overrides. */
    public static final String PROPERTY = "netx.test.redis.binary";
    /** Value of {@value #SETTING} that forces the embedded binary. */
    public static final String EMBEDDED = "embedded";

    private static final Logger log = LoggerFactory.getLogger(RedisBinary.class);
    private static final Pattern VERSION = Pattern.compile("\\bv=(\\S+)");

    private final Path path;
    private final String version;
    private final boolean embedded;

    private RedisBinary(Path path, boolean embedded) {
        this.path = path;
        this.embedded = embedded;
        this.version = readVersion(path);
    }

    /**
     * The binary chosen for this JVM, resolved once (see the class comment) and logged at INFO.
     *
     * @throws IllegalStateException if the setting names something that is not executable
     */
    public static RedisBinary resolve() {
        return Resolved.BINARY.get();
    }

    /** The binary embedded in the embedded-redis jar for this OS and architecture, extracted once per JVM. */
    public static RedisBinary embedded() {
        return Embedded.BINARY.get();
    }

    /** The {@code redis-server} found on {@code PATH}, if any. */
    public static Optional<RedisBinary> onPath() {
        return findOnPath(System.getenv("PATH")).map(path -> new RedisBinary(path, false));
    }

    /**
     * The given executable.
     *
     * @throws IllegalStateException if it is not an executable file
     */
    public static RedisBinary of(Path executable) {
        Objects.requireNonNull(executable, "executable");
        if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
            throw new IllegalStateException("Not an executable redis-server: " + executable);
        }
        return new RedisBinary(executable.toAbsolutePath(), false);
    }

    /** Where the executable is. */
    public Path path() {
        return path;
    }

    /** The version reported by {@code redis-server --version}, such as {@code "7.0.15"}. */
    public String version() {
        return version;
    }

    /** Whether this is the binary embedded in the embedded-redis jar. */
    public boolean isEmbedded() {
        return embedded;
    }

    @Override
    public String toString() {
        return "redis-server " + version + " at " + path + (embedded ? " (embedded)" : "");
    }

    /** Resolution given the setting and {@code PATH}, both nullable; package-private for tests. */
    static RedisBinary resolve(String setting, String pathVariable) {
        if (setting != null && !setting.isBlank()) {
            return EMBEDDED.equalsIgnoreCase(setting.strip()) ? embedded() : of(Path.of(setting.strip()));
        }
        return findOnPath(pathVariable).map(path -> new RedisBinary(path, false)).orElseGet(RedisBinary::embedded);
    }

    private static Optional<Path> findOnPath(String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static String readVersion(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Matcher matcher = VERSION.matcher(output);
            if (!matcher.find()) {
                throw new IllegalStateException("Cannot read the version of " + executable + " from: " + output.strip());
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + executable + " --version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + executable + " --version", e);
        }
    }

    /** Lazily extracts the embedded binary once per JVM. */
    private static final class Embedded {
        static final Once BINARY = Once.of(() -> new RedisBinary(EmbeddedBinary.extract(), true));
    }

    /** Lazily resolves the binary of this JVM once, and says which it is. */
    private static final class Resolved {
        static final Once BINARY = Once.of(Resolved::resolveAndLog);

        private static RedisBinary resolveAndLog() {
            String setting = System.getProperty(PROPERTY, System.getenv(SETTING));
            RedisBinary binary = resolve(setting, System.getenv("PATH"));
            log.info("Netx tests use {}", binary);
            return binary;
        }
    }

    /** The outcome of a one-time initialisation, kept so that a failure is reported clearly on every call. */
    private record Once(RedisBinary binary, RuntimeException failure) {

        static Once of(Supplier<RedisBinary> supplier) {
            try {
                return new Once(supplier.get(), null);
            } catch (RuntimeException e) {
                return new Once(null, e);
            }
        }

        RedisBinary get() {
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            return binary;
        }
    }
}
