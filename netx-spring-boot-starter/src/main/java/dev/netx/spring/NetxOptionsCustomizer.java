package dev.netx.spring;

import dev.netx.NetxOptions;

/**
 * Adjusts the {@link NetxOptions} the auto-configuration builds from the {@code netx.*} properties.
 * Beans of this type are applied in {@link org.springframework.core.Ordered order}, after the
 * properties.
 */
@FunctionalInterface
public interface NetxOptionsCustomizer {

    /** Adjusts the builder; called once, at start-up. */
    void customize(NetxOptions.Builder builder);
}
