package dev.netx;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One step of an orchestrated saga: either local (a function run by the orchestrator's group) or
 * remote (a participant handler of another group, reached through Redis Streams), with an optional
 * compensation and a {@link StepPolicy}. Build one with the static factories.
 *
 * @param output              the type of what the step returns
 * @param function            the local step; {@code null} for a remote step
 * @param compensation        undoes the local step; {@code null} for none
 * @param group               the participant group of a remote step; {@code null} for a local step
 * @param handler             the participant handler of a remote step
 * @param compensationHandler the participant handler that undoes a remote step; {@code null} for none
 * @param policy              timeout and retries
 * @param name                the step's stable name within its orchestrator, or {@code null} for the default:
 *                            a remote step's {@code <group>.<handler>}, a local step's {@code local-<index>};
 *                            part of the chain's fingerprint that pins a running saga to its definition
 * @param <I>                 what the step takes
 * @param <O>                 what it returns
 */
public record Step<I, O>(TypeRef<O> output, AsyncStepFunction<I, O> function, AsyncCompensation<I> compensation,
        String group, String handler, String compensationHandler, StepPolicy policy, String name) {

    /** Validates: exactly one of a function or a remote handler. */
    public Step {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(policy, "policy");
        if ((function == null) == (handler == null)) {
            throw new IllegalArgumentException("a step is either local (a function) or remote (group and handler)");
        }
        if (handler != null && (group == null || group.isBlank() || handler.isBlank())) {
            throw new IllegalArgumentException("a remote step needs a participant group and handler name");
        }
        if (name != null && !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("step name '" + name + "' must be 1-100 letters, digits, '.', '_' or '-'");
        }
    }

    /** A blocking local step without compensation. */
    public static <I, O> Step<I, O> local(Class<O> output, StepFunction<I, O> function) {
        return local(TypeRef.of(output), function, null);
    }

    /** A blocking local step with its compensation. */
    public static <I, O> Step<I, O> local(Class<O> output, StepFunction<I, O> function, Compensation<I> compensation) {
        return local(TypeRef.of(output), function, compensation);
    }

    /** A blocking local step returning a generic type, with an optional compensation. */
    public static <I, O> Step<I, O> local(TypeRef<O> output, StepFunction<I, O> function, Compensation<I> compensation) {
        Objects.requireNonNull(function, "function");
        return new Step<>(output, (input, context) -> {
            try {
                return CompletableFuture.completedFuture(function.apply(input, context));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }, compensation == null ? null : AsyncCompensation.of(compensation), null, null, null, StepPolicy.defaults(),
                null);
    }

    /** A non-blocking local step with an optional non-blocking compensation. */
    public static <I, O> Step<I, O> localAsync(TypeRef<O> output, AsyncStepFunction<I, O> function,
            AsyncCompensation<I> compensation) {
        return new Step<>(output, Objects.requireNonNull(function, "function"), compensation, null, null, null,
                StepPolicy.defaults(), null);
    }

    /** A remote step: the participant {@code handler} of {@code group}, without compensation. */
    public static <I, O> Step<I, O> remote(String group, String handler, Class<O> output) {
        return new Step<>(TypeRef.of(output), null, null, group, handler, null, StepPolicy.defaults(), null);
    }

    /** A remote step undone by the participant handler {@code compensationHandler} of the same group. */
    public static <I, O> Step<I, O> remote(String group, String handler, Class<O> output, String compensationHandler) {
        return new Step<>(TypeRef.of(output), null, null, group, handler, compensationHandler, StepPolicy.defaults(),
                null);
    }

    /** This step with another policy. */
    public Step<I, O> withPolicy(StepPolicy policy) {
        return new Step<>(output, function, compensation, group, handler, compensationHandler, policy, name);
    }

    /**
     * This step with a stable name: give local steps names, and keep a step's name when its position
     * in the chain changes (see {@link OrchestratorBuilder#version(int)}).
     */
    public Step<I, O> named(String name) {
        return new Step<>(output, function, compensation, group, handler, compensationHandler, policy,
                Objects.requireNonNull(name, "name"));
    }

    /** Whether the step runs in another group. */
    public boolean isRemote() {
        return handler != null;
    }

    /** Whether the step can be undone. */
    public boolean isCompensated() {
        return compensation != null || compensationHandler != null;
    }
}
