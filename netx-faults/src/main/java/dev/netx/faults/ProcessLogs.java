package dev.netx.faults;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shop processes' log files, read from a remembered size on, so a scenario reads only what it caused. */
final class ProcessLogs {

    private ProcessLogs() {
    }

    /** The log's size now; 0 if there is none yet. */
    static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the log gained since it had {@code from} bytes; empty if there is no log. Blocks. */
    static String since(Path log, long from) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.min(from, file.length());
            byte[] tail = new byte[(int) Math.min(Integer.MAX_VALUE - 8, file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
