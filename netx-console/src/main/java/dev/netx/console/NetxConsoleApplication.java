package dev.netx.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Netx console on its own: a Netx node that reads nothing (no listeners, orchestrators or
 * participants, so it joins no group's work) and serves the console of its Redis's namespace on
 * port 8090, {@code /} leading to it. Point it at the Redis with {@code --spring.data.redis.url=...}
 * and the namespace with {@code --netx.namespace=...}; actions need
 * {@code --management.endpoint.netx.access=unrestricted}. Spring Security guards every page but
 * health with Spring Boot's defaults (a login form and HTTP Basic, CSRF tokens on every action): give
 * the operator's sign-in with {@code --spring.security.user.name=...} and
 * {@code --spring.security.user.password=...}.
 */
@SpringBootApplication
public class NetxConsoleApplication {

    /** Runs the console. */
    public static void main(String[] args) {
        SpringApplication.run(NetxConsoleApplication.class, args);
    }

    @Bean
    WebMvcConfigurer consoleAtTheRoot() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController("/", "/actuator/netx-console");
            }
        };
    }
}
