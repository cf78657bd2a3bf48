package dev.netx.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Extracts the {@code redis-server} that the embedded-redis jar ships for this OS and architecture. */
final class EmbeddedBinary {

    private EmbeddedBinary() {
    }

    /** Copies the binary into this JVM's run directory, executable and deleted on exit. Call once per JVM. */
    static Path extract() {
        String resource = resourceFor(System.getProperty("os.name"), System.getProperty("os.arch"));
        try (InputStream in = EmbeddedBinary.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Resource /" + resource + " not found: is com.github.codemonstur:embedded-redis on the classpath?");
            }
            // Inside this JVM's run directory, so that a later run removes it if this JVM is killed.
            Path dir = RunDirectory.forThisJvm().create("bin");
            // Deleted on exit in reverse order: the file, its directory, then the run directory if empty by then.
            dir.getParent().toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            Path target = dir.resolve(resource);
            Files.copy(in, target);
            target.toFile().deleteOnExit();
            if (!target.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("Cannot make " + target + " executable");
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the embedded redis-server " + resource, e);
        }
    }

    /** Name of the embedded-redis resource for an {@code os.name} and {@code os.arch}. */
    static String resourceFor(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean linux = os.contains("linux");
        boolean mac = os.contains("mac") || os.contains("darwin");
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (linux && x64) {
            return "redis-server-6.2.6-v5-linux-amd64";
        }
        if (linux && arm64) {
            return "redis-server-6.2.7-linux-arm64";
        }
        if (linux && (arch.equals("x86") || arch.equals("i386") || arch.equals("i686"))) {
            return "redis-server-6.2.7-linux-386";
        }
        if (mac && x64) {
            return "redis-server-6.2.6-v5-darwin-amd64";
        }
        if (mac && arm64) {
            return "redis-server-6.2.6-v5-darwin-arm64";
        }
        throw new IllegalStateException("No embedded redis-server for " + osName + "/" + osArch
                + "; install redis-server on PATH or set " + RedisBinary.SETTING + " to its path");
    }
}
