package dev.netx.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as this service group's compensation: it runs when a saga this
 * group took part in is rolled back ({@link dev.netx.SagaPhase#ROLLBACK}), at most once per saga
 * and group. Declared like a {@link SagaStart} method; what it returns is not published (a rollback
 * only ends). When it throws, the compensation is retried after {@code netx.orphan-timeout} and
 * dead-lettered after {@code netx.max-deliveries}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SagaRollback {

    /**
     * The event type listened to (a rollback carries the event of the step that failed); default:
     * the parameter's type, or, for a {@code SagaEvent<T>} parameter, {@code T}.
     */
    Class<?> event() default Object.class;

    /** Exceptions (and their subtypes) that count the compensation as done rather than retrying it. */
    Class<? extends Throwable>[] noRollbackFor() default {};
}
