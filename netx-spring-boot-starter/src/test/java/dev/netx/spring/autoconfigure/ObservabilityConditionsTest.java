package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netx.spring.endpoint.NetxEndpoint;
import dev.netx.spring.health.NetxHealthIndicator;
import dev.netx.spring.metrics.MicrometerNetxObserver;
import dev.netx.spring.metrics.NetxStatusMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.jmx.ExposableJmxEndpoint;
import org.springframework.boot.actuate.endpoint.jmx.JmxEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.jmx.JmxOperation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.convert.support.ConfigurableConversionService;

/** The health indicator, the metrics and the endpoint appear when their conditions hold, and back off. */
class ObservabilityConditionsTest {

    private final ApplicationContextRunner runner = Contexts.unstarted().withConfiguration(AutoConfigurations.of(
            NetxHealthContributorAutoConfiguration.class, NetxMetricsAutoConfiguration.class,
            NetxEndpointAutoConfiguration.class));

    @Test
    void registersTheHealthIndicatorUnlessDisabledOrDefinedByTheApplication() {
        runner.run(context -> assertThat(context).hasSingleBean(NetxHealthIndicator.class)
                .hasBean("netxHealthIndicator"));
        runner.withPropertyValues("management.health.netx.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(NetxHealthIndicator.class));
        HealthIndicator own = () -> Health.up().build();
        runner.withBean("netxHealthIndicator", HealthIndicator.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean(NetxHealthIndicator.class);
            assertThat(context.getBean("netxHealthIndicator")).isSameAs(own);
        });
    }

    @Test
    void recordsMetricsOnlyWhenThereIsAMeterRegistry() {
        runner.run(context -> assertThat(context).doesNotHaveBean(MicrometerNetxObserver.class)
                .doesNotHaveBean(NetxStatusMetrics.class));
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasSingleBean(MicrometerNetxObserver.class)
                            .hasSingleBean(NetxStatusMetrics.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get(NetxStatusMetrics.IN_FLIGHT).tag("group", "payment").gauge().value())
                            .isZero();
                });
        MicrometerNetxObserver own = new MicrometerNetxObserver(new SimpleMeterRegistry(),
                Tags.empty());
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(MicrometerNetxObserver.class, () -> own)
                .run(context -> assertThat(context.getBean(MicrometerNetxObserver.class)).isSameAs(own));
    }

    @Test
    void exposesTheEndpointReadOnlyUnlessAccessIsUnrestricted() {
        ApplicationContextRunner jmx = runner
                .withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
                        JmxEndpointAutoConfiguration.class))
                .withPropertyValues("spring.jmx.enabled=true")
                // as in a Spring Boot application, where "unrestricted" converts to Access.UNRESTRICTED
                .withInitializer(context -> context.getEnvironment()
                        .setConversionService((ConfigurableConversionService) ApplicationConversionService
                                .getSharedInstance()));
        jmx.run(context -> assertThat(context).doesNotHaveBean(NetxEndpoint.class));
        jmx.withPropertyValues("management.endpoints.jmx.exposure.include=netx").run(context -> {
            assertThat(context).hasSingleBean(NetxEndpoint.class);
            assertThat(operations(context.getBean(JmxEndpointsSupplier.class)))
                    .containsOnlyKeys("node", "saga").allSatisfy((name, type) -> assertThat(type)
                            .isEqualTo(OperationType.READ));
        });
        jmx.withPropertyValues("management.endpoints.jmx.exposure.include=netx",
                "management.endpoint.netx.access=unrestricted").run(context ->
                assertThat(operations(context.getBean(JmxEndpointsSupplier.class)))
                        .containsEntry("relay", OperationType.WRITE).containsEntry("delete", OperationType.DELETE)
                        .containsEntry("node", OperationType.READ));
    }

    private static Map<String, OperationType> operations(JmxEndpointsSupplier endpoints) {
        ExposableJmxEndpoint netx = endpoints.getEndpoints().stream()
                .filter(endpoint -> endpoint.getEndpointId().equals(EndpointId.of("netx"))).findFirst().orElseThrow();
        return netx.getOperations().stream()
                .collect(Collectors.toMap(JmxOperation::getName, JmxOperation::getType, (a, b) -> a));
    }
}
