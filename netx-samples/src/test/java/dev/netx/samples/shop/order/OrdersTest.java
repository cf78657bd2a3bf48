package dev.netx.samples.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netx.samples.shop.OrderLine;
import dev.netx.samples.shop.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The orders table as two order processes share it: the order's creation (from the HTTP request)
 * and its confirmation or cancellation (from the saga's outcome) race on one row, each through its
 * own connection, and the outcome must win whatever the interleaving. Regression of a bug the fault
 * suite found: an outcome that lost the race to the insert left the order PENDING for ever.
 */
class OrdersTest {

    private static final int RACES = 1_500;

    private static JdbcClient jdbc;
    private static Orders orders;
    private static ExecutorService twoProcesses;

    @BeforeAll
    static void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:orders-race;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/order").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        orders = new Orders(jdbc);
        twoProcesses = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        twoProcesses.shutdownNow();
        jdbc.sql("SHUTDOWN").update();
    }

    @Test
    void aConfirmationRacingTheCreationAlwaysEndsConfirmed() {
        List<OrderView> lost = race("confirm", (line, saga) -> orders.confirm(line, saga), OrderStatus.CONFIRMED);
        assertThat(lost).as("orders left behind by a confirmation that raced their creation").isEmpty();
    }

    @Test
    void aCancellationRacingTheCreationAlwaysEndsCancelledWithItsReason() {
        Reason reason = new Reason("dev.netx.samples.shop.payment.InsufficientFunds", "balance 0");
        List<OrderView> lost = race("cancel", (line, saga) -> orders.cancel(line, saga, reason), OrderStatus.CANCELLED);
        assertThat(lost).as("orders left behind by a cancellation that raced their creation").isEmpty();
        assertThat(orders.withStatus(OrderStatus.CANCELLED)).extracting(OrderView::reason).containsOnly(reason);
    }

    /** Creates and settles each order at the same instant from two threads; the orders not in {@code expected}. */
    private static List<OrderView> race(String name, BiConsumer<OrderLine, String> outcome, OrderStatus expected) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < RACES; i++) {
            OrderLine line = new OrderLine(name + "-" + i, "c1", "p1", 1, 10);
            String saga = "saga-" + name + "-" + i;
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Void> create = CompletableFuture.runAsync(() -> {
                await(together);
                orders.createPending(line, saga);
            }, twoProcesses);
            CompletableFuture<Void> settle = CompletableFuture.runAsync(() -> {
                await(together);
                outcome.accept(line, saga);
            }, twoProcesses);
            CompletableFuture.allOf(create, settle).join();
            ids.add(line.orderId());
        }
        return ids.stream().map(id -> orders.find(id).orElseThrow())
                .filter(order -> order.status() != expected).toList();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
