package dev.netx.faults;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.Server;

/**
 * One role's database: an in-memory H2 database behind a TCP server in the suite's JVM, so that the
 * two processes of the role share balances or stock and the checker reads them directly, outside
 * Redis. Survives every process of the role being killed.
 */
final class RoleDatabase implements AutoCloseable {

    /** The user every connection uses. */
    static final String USER = "sa";

    private final String role;
    private final Server server;
    private final String url;
    private final Connection keeper;

    private RoleDatabase(String role, Server server, String url, Connection keeper) {
        this.role = role;
        this.server = server;
        this.url = url;
        this.keeper = keeper;
    }

    /** Starts the TCP server on a free port and creates the role's empty database. Blocks. */
    static RoleDatabase start(String role) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-tcpDaemon")
                    .start();
            // a generous lock timeout: two processes debiting one customer wait for each other's row lock
            String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + role + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=15000";
            return new RoleDatabase(role, server, url, DriverManager.getConnection(url, USER, ""));
        } catch (java.io.IOException | SQLException e) {
            throw new IllegalStateException("cannot start the database of " + role, e);
        }
    }

    String role() {
        return role;
    }

    /** The JDBC URL the role's processes use. */
    String url() {
        return url;
    }

    /** The rows of a query, each mapped; blocks. */
    <T> List<T> query(String sql, RowMapper<T> mapper) {
        try (Connection connection = DriverManager.getConnection(url, USER, "");
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("query on the " + role + " database failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        try {
            keeper.close();
        } catch (SQLException e) {
            // the server goes down next anyway
        }
        server.stop();
    }

    /** Maps the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        /** The value of the current row. */
        T map(ResultSet row) throws SQLException;
    }
}
