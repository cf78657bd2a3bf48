package dev.netx.samples.shop.order;

import dev.netx.samples.shop.OrderLine;
import dev.netx.samples.shop.Reason;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The orders table. Every write is idempotent and order-insensitive, because saga messages may come
 * twice or out of order: a missing row is created by whichever write comes first.
 */
public class Orders {

    private final JdbcClient jdbc;

    public Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new order as pending, unless it exists. */
    public void createPending(OrderLine line, String sagaId) {
        insertIfAbsent(line, sagaId, OrderStatus.PENDING, null);
    }


    /** Records which version of the order saga runs the order (its version 2's screen step does). */
    public void recordSagaVersion(OrderLine line, int version) {
        jdbc.sql("UPDATE orders SET saga_version = ? WHERE order_id = ?").params(version, line.orderId()).update();
    }

    /** Marks a pending order confirmed (creates it confirmed if its creation has not come yet). */
    public void confirm(OrderLine line, String sagaId) {
        if (confirmPending(line) == 0 && !insertIfAbsent(line, sagaId, OrderStatus.CONFIRMED, null)) {
            // another process created it pending between our update and our insert
            confirmPending(line);
        }
    }

    private int confirmPending(OrderLine line) {
        return jdbc.sql("UPDATE orders SET status = 'CONFIRMED' WHERE order_id = ? AND status = 'PENDING'")
                .param(line.orderId()).update();
    }

    /** Marks an order cancelled with its reason, whatever it was before. */
    public void cancel(OrderLine line, String sagaId, Reason reason) {
        if (markCancelled(line, reason) == 0 && !insertIfAbsent(line, sagaId, OrderStatus.CANCELLED, reason)) {
            // another process created it between our update and our insert
            markCancelled(line, reason);
        }
    }

    private int markCancelled(OrderLine line, Reason reason) {
        return jdbc.sql("UPDATE orders SET status = 'CANCELLED', reason_type = ?, reason_message = ?"
                + " WHERE order_id = ?").params(reason.type(), truncate(reason.message()), line.orderId()).update();
    }

    public Optional<OrderView> find(String orderId) {
        return jdbc.sql("SELECT * FROM orders WHERE order_id = ?").param(orderId).query(Orders::view).optional();
    }

    public List<OrderView> withStatus(OrderStatus status) {
        return jdbc.sql("SELECT * FROM orders WHERE status = ? ORDER BY order_id").param(status.name())
                .query(Orders::view).list();
    }

    /** Whether it inserted the row. */
    private boolean insertIfAbsent(OrderLine line, String sagaId, OrderStatus status, Reason reason) {
        try {
            return jdbc.sql("INSERT INTO orders (order_id, saga_id, customer_id, product_id, quantity, amount, status,"
                    + " reason_type, reason_message) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM orders WHERE order_id = ?)")
                    .params(line.orderId(), sagaId, line.customerId(), line.productId(), line.quantity(), line.amount(),
                            status.name(), reason == null ? null : reason.type(),
                            reason == null ? null : truncate(reason.message()), line.orderId())
                    .update() > 0;
        } catch (DuplicateKeyException raced) {
            return false; // another write created it first
        }
    }

    private static OrderView view(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        String type = row.getString("reason_type");
        return new OrderView(row.getString("order_id"), row.getString("saga_id"), row.getString("customer_id"),
                row.getString("product_id"), row.getInt("quantity"), row.getLong("amount"),
                OrderStatus.valueOf(row.getString("status")),
                type == null ? null : new Reason(type, row.getString("reason_message")),
                (Integer) row.getObject("saga_version", Integer.class));
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 2000 ? message : message.substring(0, 2000);
    }
}
