package dev.netx.samples.shop.payment;

import dev.netx.samples.shop.FaultHooks;
import dev.netx.samples.shop.SeedMigration;
import dev.netx.samples.shop.ShopProperties;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The payment service: balances, its saga steps in both styles, its seed data. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "shop.role", havingValue = "payment")
class PaymentConfiguration {

    @Bean
    Accounts accounts(JdbcClient jdbc, DataSource dataSource, FaultHooks faults) {
        return new Accounts(jdbc, dataSource, faults);
    }

    @Bean
    PaymentParticipant paymentParticipant(Accounts accounts) {
        return new PaymentParticipant(accounts);
    }

    @Bean
    PaymentListeners paymentListeners(Accounts accounts) {
        return new PaymentListeners(accounts);
    }

    /** Its seed data, as migration version 2 (see {@link SeedMigration}). */
    @Bean
    SeedMigration seedAccounts(ShopProperties properties) {
        return new SeedMigration("accounts", "customer_id", "balance", "c", properties.seed().customers(),
                properties.seed().balance());
    }
}
