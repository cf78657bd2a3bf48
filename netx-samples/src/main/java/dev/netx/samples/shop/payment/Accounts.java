package dev.netx.samples.shop.payment;

import dev.netx.jdbc.JdbcIdempotency;
import dev.netx.samples.shop.FaultHooks;
import dev.netx.samples.shop.OrderLine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customer balances. A debit and a refund each happen once per idempotency key: the key is recorded
 * in the same transaction as the balance change, so a message delivered twice (after a crash, say)
 * changes nothing the second time.
 */
public class Accounts {

    private final JdbcClient jdbc;
    private final JdbcIdempotency idempotency;
    private final FaultHooks faults;

    public Accounts(JdbcClient jdbc, DataSource dataSource) {
        this(jdbc, dataSource, FaultHooks.none());
    }

    /** Accounts whose commits pass the fault-injection hook (the fault suite crashes right after one). */
    public Accounts(JdbcClient jdbc, DataSource dataSource, FaultHooks faults) {
        this.jdbc = jdbc;
        this.idempotency = JdbcIdempotency.create(dataSource);
        this.faults = faults;
    }

    /**
     * Debits the order's amount once per key.
     *
     * @throws UnknownCustomerException     if there is no such customer
     * @throws InsufficientBalanceException if the balance is too low
     */
    public void debit(String key, OrderLine order) throws SQLException {
        boolean committed = idempotency.runOnce(key, connection -> {
            long balance = balance(connection, order.customerId())
                    .orElseThrow(() -> new UnknownCustomerException(order.customerId()));
            if (balance < order.amount()) {
                throw new InsufficientBalanceException(order.customerId(), balance, order.amount());
            }
            change(connection, order.customerId(), -order.amount());
        });
        if (committed) {
            faults.afterCommit(key);
        }
    }

    /** Refunds the order's amount once per key, if the debit with {@code debitKey} happened. */
    public void refund(String key, String debitKey, OrderLine order) throws SQLException {
        if (debitKey != null && !idempotency.isDone(debitKey)) {
            return;
        }
        faults.beforeRefund();
        if (idempotency.runOnce(key, connection -> change(connection, order.customerId(), order.amount()))) {
            faults.afterCommit(key);
        }
    }

    public Optional<Long> balance(String customerId) {
        return jdbc.sql("SELECT balance FROM accounts WHERE customer_id = ?").param(customerId).query(Long.class)
                .optional();
    }

    private static Optional<Long> balance(Connection connection, String customerId) throws SQLException {
        // FOR UPDATE: concurrent debits of one customer wait for each other instead of overdrawing
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT balance FROM accounts WHERE customer_id = ? FOR UPDATE")) {
            select.setString(1, customerId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private static void change(Connection connection, String customerId, long delta) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE accounts SET balance = balance + ? WHERE customer_id = ?")) {
            update.setLong(1, delta);
            update.setString(2, customerId);
            update.executeUpdate();
        }
    }
}
