package dev.netx.spring.autoconfigure;

import dev.netx.Netx;
import dev.netx.spring.NetxProperties;
import io.lettuce.core.AbstractRedisClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Lettuce client of the node: to {@code netx.redis.*} when set, else to the application's Redis
 * as Spring Boot's connection details describe it. The context owns it and shuts it down after the
 * node has stopped.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(value = Netx.class, name = NetxAutoConfiguration.REDIS_CLIENT_BEAN_NAME)
class NetxRedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NetxRedisConfiguration.class);

    @Bean(name = NetxAutoConfiguration.REDIS_CLIENT_BEAN_NAME, destroyMethod = "shutdown")
    AbstractRedisClient netxRedisClient(NetxProperties properties, ObjectProvider<DataRedisConnectionDetails> details,
            ObjectProvider<DataRedisProperties> redisProperties, ObjectProvider<SslBundles> sslBundles) {
        RedisTarget target;
        if (properties.redis() != null) {
            target = RedisTargets.of(properties.redis(), sslBundles.getIfAvailable());
        } else {
            DataRedisConnectionDetails connection = details.getIfAvailable();
            if (connection == null) {
                throw new IllegalStateException("Netx needs a Redis: set spring.data.redis.* (and keep Spring Boot's"
                        + " Redis auto-configuration) or netx.redis.*");
            }
            target = RedisTargets.of(connection, redisProperties.getIfAvailable());
        }
        log.info("Netx uses {}", target);
        return target.createClient();
    }
}
