package dev.netx.spring.autoconfigure;

import dev.netx.Netx;
import dev.netx.spring.NetxConsoleRedactor;
import dev.netx.spring.console.NetxConsoleController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The Netx console on the management port ({@code netx.console.enabled=true}; off by default), in a
 * servlet application with the actuator. Its actions (relaying and deleting dead letters) are allowed
 * with {@code management.endpoint.netx.access=unrestricted}, as the {@code netx} endpoint's are.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(Netx.class)
@ConditionalOnBooleanProperty("netx.console.enabled")
public class NetxConsoleManagementContextConfiguration {

    NetxConsoleManagementContextConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    NetxConsoleController netxConsoleController(Netx netx, ObjectProvider<NetxConsoleRedactor> redactor,
            Environment environment) {
        boolean actions = "unrestricted".equalsIgnoreCase(
                environment.getProperty("management.endpoint.netx.access", "read-only"));
        return new NetxConsoleController(netx, redactor.getIfAvailable(() -> NetxConsoleRedactor.NONE), actions);
    }
}
