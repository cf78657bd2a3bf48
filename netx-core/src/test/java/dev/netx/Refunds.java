package dev.netx;

import dev.netx.jdbc.JdbcIdempotency;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A payment ledger in H2: refunds recorded once per idempotency key, countable per saga. */
final class Refunds {

    private final DataSource dataSource;
    private final JdbcIdempotency idempotency;

    Refunds(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        this.dataSource = h2;
        this.idempotency = JdbcIdempotency.create(dataSource);
    }

    DataSource dataSource() {
        return dataSource;
    }

    void createTables() throws SQLException {
        idempotency.createTable();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS refund_log (saga_id VARCHAR(100) NOT NULL, amount BIGINT NOT NULL)");
        }
    }

    /** Refunds once per key; returns whether it refunded now. */
    boolean refund(String key, String sagaId, long amount, long workMillis) throws SQLException {
        return idempotency.runOnce(key, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO refund_log (saga_id, amount) VALUES (?, ?)")) {
                insert.setString(1, sagaId);
                insert.setLong(2, amount);
                insert.executeUpdate();
            }
            if (workMillis > 0) {
                try {
                    Thread.sleep(workMillis); // simulated work inside the transaction, to be frozen in
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted", e);
                }
            }
        });
    }

    /** Refund rows per saga. */
    Map<String, Integer> refundsPerSaga() throws SQLException {
        Map<String, Integer> counts = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT saga_id, COUNT(*) FROM refund_log GROUP BY saga_id")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    /** The rollback listener of a refund node: counts calls in Redis, then refunds once. */
    static SagaListener<NodeMain.Payment> listener(Refunds refunds, RedisCommands<String, String> tracker,
            String namespace, String node) {
        return SagaListener.on(SagaPhase.ROLLBACK, NodeMain.Payment.class, event -> {
            tracker.hincrby("test:calls:" + namespace, event.sagaId(), 1);
            tracker.hset("test:working:" + namespace, Map.of(event.sagaId(), node));
            return refunds.refund(event.idempotencyKey(), event.sagaId(), 1, event.event().workMillis());
        });
    }
}
