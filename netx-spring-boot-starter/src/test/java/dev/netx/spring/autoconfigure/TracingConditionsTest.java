package dev.netx.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netx.spi.TracePropagation;
import dev.netx.spring.tracing.MicrometerTracingPropagation;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Trace context travels in messages when the application traces, unless turned off or replaced. */
class TracingConditionsTest {

    private final ApplicationContextRunner runner = Contexts.unstarted()
            .withConfiguration(AutoConfigurations.of(NetxTracingAutoConfiguration.class));

    private final ApplicationContextRunner tracing = runner
            .withConfiguration(AutoConfigurations.of(BraveAutoConfiguration.class));

    @Test
    void propagatesMicrometerTracingsContextWhenThereIsATracerAndAPropagator() {
        tracing.run(context -> assertThat(context).getBean(TracePropagation.class)
                .isInstanceOf(MicrometerTracingPropagation.class));
    }

    @Test
    void propagatesNothingWithoutATracerOrWhenTurnedOff() {
        runner.run(context -> assertThat(context).doesNotHaveBean(TracePropagation.class));
        runner.withClassLoader(new FilteredClassLoader(Tracer.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TracePropagation.class));
        tracing.withPropertyValues("netx.tracing.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TracePropagation.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwn() {
        TracePropagation own = new TracePropagation() {
        };
        tracing.withBean(TracePropagation.class, () -> own)
                .run(context -> assertThat(context.getBean(TracePropagation.class)).isSameAs(own));
    }
}
