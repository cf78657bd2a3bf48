package dev.netx.samples.shop;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates a role's schema, and tries once more if the first attempt fails. Flyway's lock makes
 * replicas of a role that start together take turns through the migrations, but two moments lie
 * outside it: one replica deciding whether to baseline a schema that is not empty (another role's
 * tables are in it) while the other creates the role's history table, and two roles sharing a
 * database each creating {@code netx_idempotency}. The loser of such a race fails its first attempt
 * (before writing anything, or inside a transaction that PostgreSQL rolls back) and finds the work
 * done on the second. A real error fails both attempts.
 */
final class RacingMigration implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(RacingMigration.class);

    private final String role;

    RacingMigration(String role) {
        this.role = role;
    }

    @Override
    public void migrate(Flyway flyway) {
        try {
            flyway.migrate();
        } catch (FlywayException raced) {
            log.warn("Migrating the {} schema failed, trying once more (another process may have been"
                    + " migrating it at the same moment): {}", role, raced.getMessage());
            flyway.migrate();
        }
    }
}
