package dev.netx.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free ports on {@code 127.0.0.1}. Ports are drawn below the usual ephemeral ranges (Linux
 * starts at 32768) so that a client's outgoing connection cannot hold the port of a server that is
 * restarted; a server that still loses a race for its port is started again on another one.
 */
final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final int HIGHEST = 32_000;
    /** Redis Cluster listens on its port plus this offset for the cluster bus. */
    static final int CLUSTER_BUS_OFFSET = 10_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /** A port that is free now. */
    static int any() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port found on 127.0.0.1 between " + LOWEST + " and " + HIGHEST);
    }

    /** A port that is free now, as is the port of its cluster bus. */
    static int forClusterNode() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - CLUSTER_BUS_OFFSET);
            if (isFree(port) && isFree(port + CLUSTER_BUS_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("No free pair of ports (port, port + 10000) found on 127.0.0.1");
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
