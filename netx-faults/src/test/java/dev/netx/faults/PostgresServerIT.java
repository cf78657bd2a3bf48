package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The suite's own PostgreSQL server, which deploy-order puts the roles' databases on: a new cluster
 * on a port of its own (never the machine's 5432), each role's database in it, gone when closed.
 */
class PostgresServerIT {

    @Test
    void startsItsOwnServerWhoseRoleDatabasesTheCheckerReadsAndRemovesItWhenClosed() throws Exception {
        Path data;
        try (PostgresServer postgres = PostgresServer.start();
                RoleDatabase payment = RoleDatabase.on(postgres, "payment")) {
            assertThat(postgres.port()).isNotEqualTo(5432);
            assertThat(payment.url()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/shop_payment");
            try (Connection connection = DriverManager.getConnection(payment.url(), RoleDatabase.USER, "");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE accounts (customer_id VARCHAR(64) PRIMARY KEY, balance BIGINT NOT NULL)");
                statement.execute("INSERT INTO accounts VALUES ('c1', 1000), ('c2', 990)");
            }
            List<String> rows = payment.query("SELECT customer_id, balance FROM accounts ORDER BY customer_id",
                    row -> row.getString(1) + "=" + row.getLong(2));
            assertThat(rows).containsExactly("c1=1000", "c2=990");
            data = Path.of(payment.query("SHOW data_directory", row -> row.getString(1)).get(0));
            assertThat(data).isDirectory();
        }
        assertThat(Files.exists(data)).as("the server's directory is deleted").isFalse();
    }
}
