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
 * One role's database, shared by the role's processes and read by the checker directly, outside
 * Redis: an in-memory H2 database behind a TCP server in the suite's JVM, or a database of the
 * suite's own PostgreSQL server. Survives every process of the role being killed.
 */
final class RoleDatabase implements AutoCloseable {

    /** The user every connection uses. */
    static final String USER = "sa";

    private final String role;
    private final String url;
    private final AutoCloseable resources;

    private RoleDatabase(String role, String url, AutoCloseable resources) {
        this.role = role;
        this.url = url;
        this.resources = resources;
    }

    /** Starts an H2 TCP server on a free port and creates the role's empty in-memory database in it. Blocks. */
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
            Connection keeper = DriverManager.getConnection(url, USER, "");
            return new RoleDatabase(role, url, () -> {
                try {
                    keeper.close();
                } finally {
                    server.stop();
                }
            });
        } catch (java.io.IOException | SQLException e) {
            throw new IllegalStateException("cannot start the database of " + role, e);
        }
    }

    /**
     * Creates the role's empty database {@code shop_<role>} on the PostgreSQL server, which stays
     * its owner's to close. Blocks.
     */
    static RoleDatabase on(PostgresServer postgres, String role) {
        String name = "shop_" + role;
        postgres.createDatabase(name);
        return new RoleDatabase(role, postgres.url(name), () -> {
        });
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
            resources.close();
        } catch (Exception e) {
            // the database goes with its server anyway
        }
    }

    /** Maps the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        /** The value of the current row. */
        T map(ResultSet row) throws SQLException;
    }
}
