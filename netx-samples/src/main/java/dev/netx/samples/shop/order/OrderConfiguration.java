package dev.netx.samples.shop.order;

import dev.netx.OrchestratorFactory;
import dev.netx.samples.shop.ShopProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The order service: its table and its saga in both styles (the HTTP API is {@link OrderController}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "shop.role", havingValue = "order")
class OrderConfiguration {

    @Bean
    Orders orders(JdbcClient jdbc) {
        return new Orders(jdbc);
    }

    @Bean
    PlaceOrderVersions placeOrder(OrchestratorFactory factory, Orders orders, ShopProperties properties) {
        return new PlaceOrderVersions(factory, orders, properties.saga());
    }

    @Bean
    OrderListeners orderListeners(Orders orders) {
        return new OrderListeners(orders);
    }
}
