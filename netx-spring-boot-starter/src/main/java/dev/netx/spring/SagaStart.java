package dev.netx.spring;

import dev.netx.SuccessWith;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as this service group's listener for started sagas
 * ({@link dev.netx.SagaPhase#START}).
 *
 * <p>The method takes one parameter: the event (decoded as its type) or a {@link dev.netx.SagaEvent}.
 * It returns the next event ({@code void} or {@code null} for none), a {@code CompletionStage} of it,
 * or a Reactor {@code Mono} of it when Reactor is on the classpath. Throwing (or completing
 * exceptionally) rolls the saga back, unless the exception is listed in {@link #noRollbackFor()}. It
 * runs on a Netx handler thread with the saga id in the logging MDC under {@code sagaId}. A method
 * declared otherwise fails start-up with a message naming it.
 *
 * <pre>{@code
 * @SagaStart(successWith = SuccessWith.PUBLISH_JOIN)
 * PaymentDone debit(OrderPlaced order) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SagaStart {

    /**
     * The event type listened to; default: the parameter's type, or, for a {@code SagaEvent<T>}
     * parameter, {@code T}. {@code Object.class} listens to every event of the phase.
     */
    Class<?> event() default Object.class;

    /** What is published when the method returns normally; default {@link SuccessWith#END}. */
    SuccessWith successWith() default SuccessWith.END;

    /** Exceptions (and their subtypes) that end this step without rolling the saga back. */
    Class<? extends Throwable>[] noRollbackFor() default {};
}
