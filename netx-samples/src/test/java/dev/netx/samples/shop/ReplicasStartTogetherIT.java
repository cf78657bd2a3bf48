package dev.netx.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netx.test.RedisLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of payment and two of order, started at the same instant against one PostgreSQL
 * database (which the three roles share), all come up, seed once, and take orders. To make "the same
 * instant" exact rather than likely, the test holds the lock of the database's schema while they
 * start, so that every replica stops at its first table creation (or behind a sibling holding
 * Flyway's lock), and lets them all go at once.
 */
class ReplicasStartTogetherIT {

    private static final String DATABASE = "shop";
    private static final int CUSTOMERS = 10;
    private static final long BALANCE = 10_000;

    @Test
    void twoReplicasOfPaymentAndOfOrderStartingTogetherOnOnePostgresAllComeUpSeedOnceAndTakeOrders()
            throws Exception {
        try (TestPostgres postgres = TestPostgres.start(); RedisLauncher launcher = new RedisLauncher()) {
            postgres.createDatabase(DATABASE);
            String redis = launcher.standalone().uri();
            Path data = Files.createTempDirectory("shop-replicas");
            List<ShopProcess> processes = new ArrayList<>();
            try {
                launchTogether(postgres, redis, data, processes);
                processes.forEach(ShopProcess::awaitUp);
                ShopProcess inventory = ShopProcess.start(ShopRole.INVENTORY, redis, data,
                        database(postgres, "inventory"));
                processes.add(inventory);

                for (int i = 0; i < 2; i++) {
                    // order-1 with payment-1, then order-2 with payment-2: every replica serves an order
                    Shop shop = new Shop(processes.get(2 + i), processes.get(i), inventory);
                    Shop.Answer confirmed = shop.placeOrder(i == 0 ? "orchestration" : "choreography",
                            Map.of("customerId", "c1", "productId", "p1", "quantity", 1, "amount", 100));
                    assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(201);
                    assertThat(shop.balance("c1")).isEqualTo(BALANCE - 100 * (i + 1));
                }
                assertThat(count(postgres, "SELECT COUNT(*) FROM accounts")).as("customers seeded")
                        .isEqualTo(CUSTOMERS);
            } finally {
                processes.forEach(ShopProcess::close); // before the Redis and PostgreSQL they use
            }
        }
    }

    /**
     * Launches payment-1, payment-2, order-1, order-2 (into {@code processes}) while holding the
     * schema's lock, and lets them go once each waits: on that lock, or for Flyway's lock that a
     * sibling waiting on it holds.
     */
    private static void launchTogether(TestPostgres postgres, String redis, Path data, List<ShopProcess> processes)
            throws SQLException {
        List<String> names = List.of("payment-1", "payment-2", "order-1", "order-2");
        try (Connection gate = postgres.connect(DATABASE); Statement hold = gate.createStatement()) {
            gate.setAutoCommit(false);
            hold.execute("DROP SCHEMA public"); // rolled back below: until then, CREATE TABLE in it waits
            for (String name : names) {
                ShopRole role = name.startsWith("payment") ? ShopRole.PAYMENT : ShopRole.ORDER;
                processes.add(ShopProcess.launch(role, redis, data, database(postgres, name)));
            }
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(100))
                    .until(() -> processes.stream().anyMatch(process -> !process.isAlive())
                            || waiting(postgres).containsAll(names));
            gate.rollback();
        }
    }

    private static String[] database(TestPostgres postgres, String name) {
        return new String[] {"--spring.datasource.url=" + postgres.jdbcUrl(DATABASE, name),
            "--spring.datasource.username=" + TestPostgres.USER, "--shop.seed.customers=" + CUSTOMERS,
            "--shop.seed.balance=" + BALANCE};
    }

    /** The replicas that wait: on a lock (the schema's), or polling for Flyway's lock that a sibling holds. */
    private static Set<String> waiting(TestPostgres postgres) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection connection = postgres.connect(DATABASE); Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT application_name FROM pg_stat_activity WHERE datname = '"
                        + DATABASE + "' AND (wait_event_type = 'Lock' OR query LIKE 'SELECT pg_try_advisory%')")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static long count(TestPostgres postgres, String sql) throws SQLException {
        try (Connection connection = postgres.connect(DATABASE); Statement query = connection.createStatement();
                ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
