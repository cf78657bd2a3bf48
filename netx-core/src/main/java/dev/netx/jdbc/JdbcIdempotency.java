package dev.netx.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Runs a handler's database work at most once per idempotency key, by recording the key in the same
 * transaction as the work. Redis alone cannot make a side effect exactly-once (a failover can lose
 * an acknowledged write, a node can die after its commit and before its acknowledgement); the
 * participant's own database can.
 *
 * <pre>{@code
 * JdbcIdempotency idempotency = JdbcIdempotency.create(dataSource);
 * idempotency.createTable();
 * ... in a rollback listener:
 * idempotency.runOnce(event.idempotencyKey(), connection -> refund(connection, event.event()));
 * }</pre>
 *
 * <p>Two nodes running the same key at once: the second insert waits for the first transaction and
 * then finds the key, so the work runs once. Thread-safe; every method blocks on the database.
 */
public final class JdbcIdempotency {

    /** The default table name. */
    public static final String DEFAULT_TABLE = "netx_idempotency";

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final int MAX_KEY_LENGTH = 512;

    private final DataSource dataSource;
    private final String table;

    private JdbcIdempotency(DataSource dataSource, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("table name '" + table + "' must be a plain SQL identifier");
        }
        this.table = table;
    }

    /** Keys recorded in {@value #DEFAULT_TABLE}. */
    public static JdbcIdempotency create(DataSource dataSource) {
        return new JdbcIdempotency(dataSource, DEFAULT_TABLE);
    }

    /** Keys recorded in the given table. */
    public static JdbcIdempotency create(DataSource dataSource, String table) {
        return new JdbcIdempotency(dataSource, table);
    }

    /** Creates the key table if it does not exist (portable SQL: H2, PostgreSQL, MySQL/MariaDB). */
    public void createTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table
                    + " (idempotency_key VARCHAR(" + MAX_KEY_LENGTH + ") PRIMARY KEY, done_at TIMESTAMP NOT NULL)");
        }
    }

    /**
     * Runs {@code work} and records {@code key} in one transaction, unless the key is already recorded.
     *
     * @return {@code true} if the work ran now, {@code false} if it had run before
     * @throws SQLException from the work or the database; then nothing of it is committed
     */
    public boolean runOnce(String key, Work work) throws SQLException {
        Objects.requireNonNull(work, "work");
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotency key must be 1-" + MAX_KEY_LENGTH + " characters");
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                if (!record(connection, key)) {
                    connection.rollback();
                    return false;
                }
                work.run(connection);
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Whether the key is recorded. */
    public boolean isDone(String key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM " + table + " WHERE idempotency_key = ?")) {
            select.setString(1, key);
            return select.executeQuery().next();
        }
    }

    private boolean record(Connection connection, String key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (idempotency_key, done_at) VALUES (?, ?)")) {
            insert.setString(1, key);
            insert.setTimestamp(2, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // integrity constraint violation: the key is already there
            }
            throw e;
        }
    }

    /** Database work done in the caller's transaction; do not commit or close the connection. */
    @FunctionalInterface
    public interface Work {
        /** Does the work on the given connection. */
        void run(Connection connection) throws SQLException;
    }
}
