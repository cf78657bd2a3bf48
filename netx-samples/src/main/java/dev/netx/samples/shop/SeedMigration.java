package dev.netx.samples.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A role's seed data as its migration version 2: rows {@code <prefix>1..<prefix>N}, each with the
 * same value, written only into an empty table. Being a migration, it runs once per database and
 * under Flyway's lock, so two replicas starting together never both seed; the seed settings of later
 * starts change nothing.
 */
public final class SeedMigration implements JavaMigration {

    private static final MigrationVersion VERSION = MigrationVersion.fromVersion("2");

    private final String table;
    private final String idColumn;
    private final String valueColumn;
    private final String idPrefix;
    private final int rows;
    private final long value;

    /**
     * Seeds {@code rows} rows into {@code table} (plain SQL identifiers, not user input): ids
     * {@code idPrefix + i} in {@code idColumn}, {@code value} in {@code valueColumn}.
     */
    public SeedMigration(String table, String idColumn, String valueColumn, String idPrefix, int rows, long value) {
        this.table = table;
        this.idColumn = idColumn;
        this.valueColumn = valueColumn;
        this.idPrefix = idPrefix;
        this.rows = rows;
        this.value = value;
    }

    @Override
    public MigrationVersion getVersion() {
        return VERSION;
    }

    @Override
    public String getDescription() {
        return "seed " + table;
    }

    /** None: the seed settings may differ from one start to the next without failing validation. */
    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!isEmpty(connection)) {
            return; // a table from before Flyway (baselined at version 0): keep its rows
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (" + idColumn + ", " + valueColumn + ") VALUES (?, ?)")) {
            for (int i = 1; i <= rows; i++) {
                insert.setString(1, idPrefix + i);
                insert.setLong(2, value);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private boolean isEmpty(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                ResultSet row = count.executeQuery()) {
            return row.next() && row.getLong(1) == 0;
        }
    }
}
