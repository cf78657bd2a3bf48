package dev.netx;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A handler of this node's group that orchestrators of other groups call as a remote step (or as
 * the compensation of one), by name. Register it with {@link Netx.Builder#participant(ParticipantHandler)}.
 *
 * @param name     the name orchestrators use, unique within the group
 * @param input    what it takes (the orchestrator's previous step output)
 * @param function what it does; what it returns is the remote step's output
 * @param policy   timeout and retries of each call
 * @param <I>      what it takes
 */
public record ParticipantHandler<I>(String name, TypeRef<I> input, AsyncStepFunction<I, ?> function,
        StepPolicy policy) {

    /** Validates. */
    public ParticipantHandler {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a participant handler needs a name");
        }
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(policy, "policy");
    }

    /** A blocking handler. */
    public static <I, O> ParticipantHandler<I> of(String name, Class<I> input, StepFunction<I, O> function) {
        Objects.requireNonNull(function, "function");
        return new ParticipantHandler<>(name, TypeRef.of(input), (in, context) -> {
            try {
                return CompletableFuture.completedFuture(function.apply(in, context));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }, StepPolicy.defaults());
    }

    /** This handler with another policy. */
    public ParticipantHandler<I> withPolicy(StepPolicy policy) {
        return new ParticipantHandler<>(name, input, function, policy);
    }
}
