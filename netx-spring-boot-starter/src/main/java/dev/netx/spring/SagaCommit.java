package dev.netx.spring;

import dev.netx.SuccessWith;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as this service group's listener for committed sagas
 * ({@link dev.netx.SagaPhase#COMMIT}). Declared and called like a {@link SagaStart} method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SagaCommit {

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
