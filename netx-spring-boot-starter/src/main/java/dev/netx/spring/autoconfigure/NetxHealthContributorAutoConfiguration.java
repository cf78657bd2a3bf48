package dev.netx.spring.autoconfigure;

import dev.netx.Netx;
import dev.netx.spring.NetxProperties;
import dev.netx.spring.health.NetxHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code netx} health indicator, when Spring Boot's health support is on
 * the classpath; {@code management.health.netx.enabled=false} turns it off.
 */
@AutoConfiguration(after = NetxAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Netx.class)
@ConditionalOnEnabledHealthIndicator("netx")
public final class NetxHealthContributorAutoConfiguration {

    NetxHealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "netxHealthIndicator")
    NetxHealthIndicator netxHealthIndicator(Netx netx, ObjectProvider<NetxProperties> properties) {
        NetxProperties bound = properties.getIfAvailable();
        return new NetxHealthIndicator(netx, bound != null ? bound.health() : NetxProperties.Health.defaults());
    }
}
