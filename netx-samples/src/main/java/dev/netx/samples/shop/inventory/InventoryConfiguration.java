package dev.netx.samples.shop.inventory;

import dev.netx.samples.shop.SeedMigration;
import dev.netx.samples.shop.ShopProperties;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The inventory service: stock, its saga steps in both styles, its seed data. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "shop.role", havingValue = "inventory")
class InventoryConfiguration {

    @Bean
    Stock stock(JdbcClient jdbc, DataSource dataSource) {
        return new Stock(jdbc, dataSource);
    }

    @Bean
    InventoryParticipant inventoryParticipant(Stock stock) {
        return new InventoryParticipant(stock);
    }

    @Bean
    InventoryListeners inventoryListeners(Stock stock) {
        return new InventoryListeners(stock);
    }

    /** Its seed data, as migration version 2 (see {@link SeedMigration}). */
    @Bean
    SeedMigration seedProducts(ShopProperties properties) {
        return new SeedMigration("products", "product_id", "stock", "p", properties.seed().products(),
                properties.seed().stock());
    }
}
