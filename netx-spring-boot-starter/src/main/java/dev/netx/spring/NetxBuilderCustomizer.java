package dev.netx.spring;

import dev.netx.Netx;

/**
 * Adjusts the {@link Netx.Builder} of the application's node before it is built: add listeners
 * written as code, dead-letter listeners, an observer. Beans of this type are applied in
 * {@link org.springframework.core.Ordered order}, after the auto-configuration's own settings.
 */
@FunctionalInterface
public interface NetxBuilderCustomizer {

    /** Adjusts the builder; called once, at start-up. */
    void customize(Netx.Builder builder);
}
