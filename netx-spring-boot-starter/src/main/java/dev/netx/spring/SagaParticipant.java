package dev.netx.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as a participant handler of this service group: orchestrators of
 * other groups call it by name as a remote step ({@code Step.remote(group, name, ...)}) or as the
 * compensation of one. Compensation calls run exactly once per saga.
 *
 * <p>The method takes the step's input (decoded as its type) and, optionally, a
 * {@link dev.netx.SagaContext} second. What it returns (a value, {@code void}, a
 * {@code CompletionStage}, or a Reactor {@code Mono}) is the remote step's output; what it throws
 * fails the step and travels back to the orchestrator as its own type. A method declared otherwise
 * fails start-up with a message naming it.
 *
 * <pre>{@code
 * @SagaParticipant("debit")
 * Payment debit(OrderLine order, SagaContext context) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SagaParticipant {

    /** The handler's name, unique within the group. */
    String value();
}
