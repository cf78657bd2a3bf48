package dev.netx.samples.shop;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free on every interface (as the shop's web servers bind them), drawn below Linux's ephemeral
 * range (32768 and up) so that no outgoing connection of another test takes one meanwhile.
 */
final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final int HIGHEST = 32_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /** A port free now. */
    static int any() {
        return run(1);
    }

    /** The first of {@code count} consecutive ports that are all free now. */
    static int run(int count) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - count);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException(
                "no " + count + " consecutive free ports between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket bound = new ServerSocket(port)) {
                // free: bound and released at once
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
