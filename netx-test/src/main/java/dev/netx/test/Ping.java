package dev.netx.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw {@code PING} over a plain socket, cheaper than a client for probing whether a server is up. */
final class Ping {

    private static final int CONNECT_TIMEOUT_MILLIS = 250;
    private static final int READ_TIMEOUT_MILLIS = 1_000;

    private Ping() {
    }

    /** Whether the server answers {@code +PONG}; {@code false} while it refuses connections or is loading data. */
    static boolean pong(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return "+PONG".equals(in.readLine());
        } catch (IOException e) {
            return false;
        }
    }
}
