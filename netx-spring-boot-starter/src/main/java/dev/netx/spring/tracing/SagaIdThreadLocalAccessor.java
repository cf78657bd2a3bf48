package dev.netx.spring.tracing;

import dev.netx.Netx;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Lets Micrometer's context-propagation library carry the saga id between Reactor's
 * {@code Context} (key {@value #KEY}) and the logging MDC (key {@value Netx#MDC_SAGA_ID}). Netx writes
 * the key into the context of every {@code Mono} a saga handler method returns; Reactor then restores
 * the MDC from it in its {@code handle} and {@code tap} operators, and in every operator with automatic
 * context propagation ({@code spring.reactor.context-propagation=auto}). Registered through
 * {@code META-INF/services}, so it is found whenever context-propagation is on the classpath.
 */
public final class SagaIdThreadLocalAccessor implements ThreadLocalAccessor<String> {

    /** The key of the saga id in a Reactor {@code Context}. */
    public static final String KEY = "netx.sagaId";

    /** The accessor; made by context-propagation's {@code ServiceLoader}. */
    public SagaIdThreadLocalAccessor() {
    }

    @Override
    public Object key() {
        return KEY;
    }

    @Override
    public String getValue() {
        return MDC.get(Netx.MDC_SAGA_ID);
    }

    @Override
    public void setValue(String value) {
        MDC.put(Netx.MDC_SAGA_ID, value);
    }

    @Override
    public void setValue() {
        MDC.remove(Netx.MDC_SAGA_ID);
    }
}
