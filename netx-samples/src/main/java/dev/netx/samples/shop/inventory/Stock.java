package dev.netx.samples.shop.inventory;

import dev.netx.jdbc.JdbcIdempotency;
import dev.netx.samples.shop.OrderLine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Product stock. A reservation and a release each happen once per idempotency key, and stock never
 * goes negative: many buyers racing for the last units are served one at a time by a row lock.
 */
public class Stock {

    private final JdbcClient jdbc;
    private final JdbcIdempotency idempotency;

    public Stock(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.idempotency = JdbcIdempotency.create(dataSource);
    }

    /**
     * Reserves the order's quantity once per key.
     *
     * @throws UnknownProductException if there is no such product
     * @throws OutOfStockException     if there is not enough stock
     */
    public void reserve(String key, OrderLine order) throws SQLException {
        idempotency.runOnce(key, connection -> {
            long stock = stock(connection, order.productId())
                    .orElseThrow(() -> new UnknownProductException(order.productId()));
            if (stock < order.quantity()) {
                throw new OutOfStockException(order.productId(), order.quantity(), stock);
            }
            change(connection, order.productId(), -order.quantity());
        });
    }

    /** Releases the order's quantity once per key, if the reservation with {@code reserveKey} happened. */
    public void release(String key, String reserveKey, OrderLine order) throws SQLException {
        if (reserveKey != null && !idempotency.isDone(reserveKey)) {
            return;
        }
        idempotency.runOnce(key, connection -> change(connection, order.productId(), order.quantity()));
    }

    public Optional<Long> stock(String productId) {
        return jdbc.sql("SELECT stock FROM products WHERE product_id = ?").param(productId).query(Long.class)
                .optional();
    }

    private static Optional<Long> stock(Connection connection, String productId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT stock FROM products WHERE product_id = ? FOR UPDATE")) {
            select.setString(1, productId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private static void change(Connection connection, String productId, long delta) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE products SET stock = stock + ? WHERE product_id = ?")) {
            update.setLong(1, delta);
            update.setString(2, productId);
            update.executeUpdate();
        }
    }
}
