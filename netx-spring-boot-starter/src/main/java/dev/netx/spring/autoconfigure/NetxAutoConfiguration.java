package dev.netx.spring.autoconfigure;

import dev.netx.DeadLetterListener;
import dev.netx.Netx;
import dev.netx.NetxOptions;
import dev.netx.OrchestratorFactory;
import dev.netx.SagaManager;
import dev.netx.spi.NetxObserver;
import dev.netx.spi.SagaCodec;
import dev.netx.spi.SagaIdGenerator;
import dev.netx.spi.TracePropagation;
import dev.netx.spring.NetxBuilderCustomizer;
import dev.netx.spring.NetxOptionsCustomizer;
import dev.netx.spring.NetxProperties;
import dev.netx.spring.NodeNameStrategy;
import io.lettuce.core.AbstractRedisClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the application's Netx node: its options from {@code netx.*}, its Redis
 * client, its listeners from annotated bean methods, a {@link SagaManager} bean, and a lifecycle
 * that starts the node once the context is refreshed and stops it first on shutdown.
 *
 * <p>Every bean backs off when the application defines its own: a {@link SagaCodec} (default JSON
 * with Jackson's defaults, independent of the application's own JSON settings, since other services
 * read the same events), a {@link SagaIdGenerator}, a {@link NodeNameStrategy}, {@link NetxOptions}, a
 * Lettuce client named {@value #REDIS_CLIENT_BEAN_NAME}, or the {@link Netx} node itself (whose
 * builder then has to register listeners itself). An {@link ExecutorService} bean named
 * {@value #HANDLER_EXECUTOR_BEAN_NAME} runs the handlers instead of Netx's own threads;
 * {@link NetxObserver} and {@link DeadLetterListener} beans are told what happens; a
 * {@link TracePropagation} bean carries the trace context in messages (see
 * {@link NetxTracingAutoConfiguration}); {@link NetxOptionsCustomizer} and {@link NetxBuilderCustomizer}
 * beans adjust the rest.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@EnableConfigurationProperties(NetxProperties.class)
@Import(NetxRedisConfiguration.class)
public final class NetxAutoConfiguration {

    /** The name of the Lettuce client bean Netx uses. */
    public static final String REDIS_CLIENT_BEAN_NAME = "netxRedisClient";

    /** The name of an optional {@link ExecutorService} bean that runs the listeners. */
    public static final String HANDLER_EXECUTOR_BEAN_NAME = "netxHandlerExecutor";

    private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    NetxAutoConfiguration() {
    }

    @Bean
    static SagaListenerMethodProcessor netxSagaListenerMethodProcessor() {
        return new SagaListenerMethodProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    NodeNameStrategy netxNodeNameStrategy() {
        return NodeNameStrategy.hostAndPid();
    }

    @Bean
    @ConditionalOnMissingBean
    SagaCodec netxSagaCodec() {
        return SagaCodec.jackson();
    }

    @Bean
    @ConditionalOnMissingBean
    SagaIdGenerator netxSagaIdGenerator() {
        return SagaIdGenerator.timeOrdered();
    }

    @Bean
    @ConditionalOnMissingBean
    NetxOptions netxOptions(NetxProperties properties, NodeNameStrategy nodeNames,
            ObjectProvider<NetxOptionsCustomizer> customizers, BeanFactory beanFactory) {
        List<String> applicationPackages = AutoConfigurationPackages.has(beanFactory)
                ? AutoConfigurationPackages.get(beanFactory) : List.of();
        NetxOptions.Builder builder = properties.toOptions(
                properties.nodeName() != null ? properties.nodeName() : nodeNames.nodeName(), applicationPackages);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Netx netx(@Qualifier(REDIS_CLIENT_BEAN_NAME) AbstractRedisClient client, NetxOptions options, SagaCodec codec,
            SagaIdGenerator idGenerator, SagaListenerMethodProcessor listenerMethods,
            ObjectProvider<NetxObserver> observers, ObjectProvider<DeadLetterListener> deadLetterListeners,
            @Qualifier(HANDLER_EXECUTOR_BEAN_NAME) ObjectProvider<ExecutorService> handlerExecutor,
            ObjectProvider<TracePropagation> propagation, ObjectProvider<NetxBuilderCustomizer> customizers) {
        Netx.Builder builder = Netx.builder(client, options).codec(codec).idGenerator(idGenerator);
        observers.orderedStream().forEach(builder::observer);
        listenerMethods.listeners(codec).forEach(builder::listener);
        listenerMethods.participants().forEach(builder::participant);
        deadLetterListeners.orderedStream().forEach(builder::deadLetterListener);
        handlerExecutor.ifAvailable(builder::handlerExecutor);
        propagation.ifAvailable(builder::propagation);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    OrchestratorFactory netxOrchestratorFactory(Netx netx) {
        return netx.orchestrators();
    }

    @Bean
    @ConditionalOnMissingBean
    SagaManager netxSagaManager(Netx netx) {
        return new LifecycleSagaManager(netx);
    }

    @Bean
    @ConditionalOnMissingBean(name = "netxLifecycle")
    NetxLifecycle netxLifecycle(Netx netx, NetxProperties properties, Environment environment) {
        Duration phaseTimeout = Binder.get(environment)
                .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class).orElse(DEFAULT_PHASE_TIMEOUT);
        return new NetxLifecycle(netx, properties.autoStartup(), phaseTimeout);
    }
}
