package dev.netx.spring.autoconfigure;

import dev.netx.spi.TracePropagation;
import dev.netx.spring.tracing.MicrometerTracingPropagation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of trace context in saga messages, when Micrometer Tracing is on the classpath
 * and the application has a {@link Tracer} and a {@link Propagator} (Spring Boot's Brave or
 * OpenTelemetry tracing makes both): a {@link MicrometerTracingPropagation}, unless the application
 * defines its own {@link TracePropagation} or sets {@code netx.tracing.enabled=false}.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
    "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnClass({ Tracer.class, Propagator.class })
@ConditionalOnBean({ Tracer.class, Propagator.class })
@ConditionalOnBooleanProperty(name = "netx.tracing.enabled", matchIfMissing = true)
public final class NetxTracingAutoConfiguration {

    NetxTracingAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    TracePropagation netxTracePropagation(Tracer tracer, Propagator propagator) {
        return new MicrometerTracingPropagation(tracer, propagator);
    }
}
