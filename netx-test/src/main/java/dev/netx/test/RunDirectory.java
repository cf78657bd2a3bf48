package dev.netx.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The directory {@code ${java.io.tmpdir}/netx-test-redis/<jvm pid>} under which one JVM keeps the data
 * directories of its servers, so that a later JVM can tell, by the pid in the name, whether their
 * owner is gone.
 */
final class RunDirectory {

    /** File, in a server's directory, holding the pid of its {@code redis-server} process. */
    static final String PID_FILE = "redis-server.pid";

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    /** The common parent of the run directories of all JVMs. */
    static Path root() {
        return Path.of(System.getProperty("java.io.tmpdir"), "netx-test-redis");
    }

    static RunDirectory forThisJvm() {
        return new RunDirectory(root().resolve(Long.toString(ProcessHandle.current().pid())));
    }

    /** Creates a new, empty directory named after the prefix inside this run directory. */
    Path create(String prefix) {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(path);
                return Files.createTempDirectory(path, prefix + "-");
            } catch (NoSuchFileException e) {
                // Another launcher of this JVM removed the empty run directory meanwhile: create it again.
                if (attempt == 3) {
                    throw new UncheckedIOException(e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a directory in " + path, e);
            }
        }
    }

    /** Deletes this run directory if it holds nothing (any more). */
    void deleteIfEmpty() {
        try {
            Files.deleteIfExists(path);
        } catch (DirectoryNotEmptyException e) {
            // Still in use by another launcher of this JVM, or holds the extracted binary.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }

    /** Deletes a file tree; missing files are fine. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // Deleted meanwhile, which is what we wanted.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
