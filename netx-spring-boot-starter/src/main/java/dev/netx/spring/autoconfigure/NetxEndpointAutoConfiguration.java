package dev.netx.spring.autoconfigure;

import dev.netx.Netx;
import dev.netx.spring.endpoint.NetxEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code netx} actuator endpoint, when the actuator is on the classpath and
 * the endpoint is exposed ({@code management.endpoints.web.exposure.include=netx}, say). Its write
 * operations are off unless {@code management.endpoint.netx.access=unrestricted}.
 */
@AutoConfiguration(after = NetxAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(Netx.class)
@ConditionalOnAvailableEndpoint(NetxEndpoint.class)
public final class NetxEndpointAutoConfiguration {

    NetxEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    NetxEndpoint netxEndpoint(Netx netx) {
        return new NetxEndpoint(netx);
    }
}
