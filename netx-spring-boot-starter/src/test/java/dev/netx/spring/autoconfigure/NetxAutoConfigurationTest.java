package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.netx.Netx;
import dev.netx.NetxClients;
import dev.netx.NetxOptions;
import dev.netx.SagaManager;
import dev.netx.spi.SagaCodec;
import dev.netx.spi.SagaIdGenerator;
import dev.netx.spring.NetxBuilderCustomizer;
import dev.netx.spring.NetxOptionsCustomizer;
import dev.netx.spring.NodeNameStrategy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The node's beans, and how each backs off when the application defines its own. */
class NetxAutoConfigurationTest {

    @Test
    void buildsTheNodeAndItsSagaManagerWithoutConnecting() {
        Contexts.unstarted().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Netx.class).hasSingleBean(SagaManager.class)
                    .hasSingleBean(SagaCodec.class).hasSingleBean(SagaIdGenerator.class)
                    .hasSingleBean(NodeNameStrategy.class).hasBean(NetxAutoConfiguration.REDIS_CLIENT_BEAN_NAME);
            Netx netx = context.getBean(Netx.class);
            assertThat(netx.isRunning()).isFalse();
            assertThat(netx.options().nodeName()).isEqualTo(NetxOptions.defaultNodeName());
            assertThat(context.getBean(NetxLifecycle.class).isAutoStartup()).isFalse();
        });
    }

    @Test
    void theSagaManagerRefusesWorkUntilTheNodeRuns() {
        Contexts.unstarted().run(context -> {
            SagaManager sagas = context.getBean(SagaManager.class);
            assertThatIllegalStateException().isThrownBy(() -> sagas.startSync("x"))
                    .withMessageContaining("not running");
        });
    }

    @Test
    void backsOffFromTheApplicationsOwnBeans() {
        Contexts.unstarted().withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SagaCodec.class)).isSameAs(OwnBeans.CODEC);
            assertThat(context.getBean(SagaIdGenerator.class)).isSameAs(OwnBeans.IDS);
            assertThat(context.getBean(NodeNameStrategy.class)).isSameAs(OwnBeans.NAMES);
            assertThat(context.getBean(NetxAutoConfiguration.REDIS_CLIENT_BEAN_NAME))
                    .isSameAs(context.getBean("ownClient"));
            assertThat(context.getBean(Netx.class).options().nodeName()).isEqualTo("own-node");
        });
    }

    @Test
    void backsOffFromTheApplicationsOwnOptionsAndNode() {
        NetxOptions options = NetxOptions.builder("own").nodeName("n").build();
        Contexts.unstarted().withBean(NetxOptions.class, () -> options).run(context ->
                assertThat(context.getBean(Netx.class).options()).isSameAs(options));
        Contexts.unstarted().withUserConfiguration(OwnNode.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Netx.class)
                    .doesNotHaveBean(NetxAutoConfiguration.REDIS_CLIENT_BEAN_NAME);
            assertThat(context.getBean(Netx.class).options().group()).isEqualTo("own");
        });
    }

    @Test
    void appliesCustomizersInOrderAfterTheProperties() {
        Contexts.unstarted().withUserConfiguration(Customizers.class).run(context -> {
            assertThat(context.getBean(NetxOptions.class).namespace()).isEqualTo("second");
            assertThat(context.getBean(Customizers.class).builders).hasSize(1);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final SagaCodec CODEC = SagaCodec.jackson();
        static final SagaIdGenerator IDS = () -> "fixed";
        static final NodeNameStrategy NAMES = () -> "own-node";

        @Bean
        SagaCodec codec() {
            return CODEC;
        }

        @Bean
        SagaIdGenerator ids() {
            return IDS;
        }

        @Bean
        NodeNameStrategy names() {
            return NAMES;
        }

        @Bean(name = {"ownClient", NetxAutoConfiguration.REDIS_CLIENT_BEAN_NAME}, destroyMethod = "shutdown")
        RedisClient ownClient() {
            return NetxClients.standalone(RedisURI.create("redis://127.0.0.1:1"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnNode {

        @Bean(destroyMethod = "shutdown")
        RedisClient client() {
            return NetxClients.standalone(RedisURI.create("redis://127.0.0.1:1"));
        }

        @Bean
        Netx ownNetx(RedisClient client) {
            return Netx.builder(client, NetxOptions.builder("own").nodeName("n").build()).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        final List<Netx.Builder> builders = new ArrayList<>();

        @Bean
        @Order(2)
        NetxOptionsCustomizer second() {
            return builder -> builder.namespace("second");
        }

        @Bean
        @Order(1)
        NetxOptionsCustomizer first() {
            return builder -> builder.namespace("first");
        }

        @Bean
        NetxBuilderCustomizer builderCustomizer() {
            return builders::add;
        }
    }
}
