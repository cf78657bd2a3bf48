package dev.netx.samples.shop;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shop's settings.
 *
 * @param role         which service this context runs: order, payment or inventory
 * @param orderTimeout how long POST /orders waits for the saga before answering 202 PENDING
 * @param seed         the data written when a role's tables are empty
 */
@ConfigurationProperties("shop")
public record ShopProperties(String role, @DefaultValue("10s") Duration orderTimeout, @DefaultValue Seed seed) {

    /**
     * Seed data.
     *
     * @param customers customers c1..cN of the payment service
     * @param balance   each customer's opening balance
     * @param products  products p1..pM of the inventory service
     * @param stock     each product's opening stock
     */
    public record Seed(@DefaultValue("10") int customers, @DefaultValue("10000") long balance,
            @DefaultValue("5") int products, @DefaultValue("100") long stock) {
    }
}
