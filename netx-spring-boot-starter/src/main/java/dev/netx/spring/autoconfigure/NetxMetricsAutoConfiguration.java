package dev.netx.spring.autoconfigure;

import dev.netx.Netx;
import dev.netx.NetxOptions;
import dev.netx.spring.metrics.MicrometerNetxObserver;
import dev.netx.spring.metrics.NetxStatusMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Netx's Micrometer metrics, when there is a {@link MeterRegistry}: counters
 * and timers through a {@link MicrometerNetxObserver}, gauges through {@link NetxStatusMetrics}; all
 * tagged with the node's {@code group}.
 */
@AutoConfiguration(after = NetxAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, Netx.class })
public final class NetxMetricsAutoConfiguration {

    NetxMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    MicrometerNetxObserver netxMicrometerObserver(MeterRegistry registry, NetxOptions options) {
        return new MicrometerNetxObserver(registry, tags(options));
    }

    @Bean
    @ConditionalOnMissingBean
    NetxStatusMetrics netxStatusMetrics(Netx netx) {
        return new NetxStatusMetrics(netx, tags(netx.options()));
    }

    private static Tags tags(NetxOptions options) {
        return Tags.of("group", options.group());
    }
}
