package dev.netx.internal.engine;

import dev.netx.SagaState;
import java.util.List;

/**
 * What finishing one orchestration message changes, written by the advance script with the ack.
 * Empty strings mean "unchanged" or "none", as the script expects.
 *
 * @param expected    the state the saga must be in, or {@code *} for any
 * @param newState    the state to set, or empty
 * @param context     the context to store, or empty
 * @param doneKey     the compensation idempotency key to record, or empty
 * @param stored      hash fields to store as name, value pairs: the inputs of steps, for their
 *                    compensations (or, for a remote step, its calls)
 * @param result      the saga's result, or empty
 * @param failure     the exception envelope that rolls the saga back, or empty
 * @param cause       why it rolls back, or empty
 * @param fillField   a hash field whose value becomes the next message's payload, or empty (a next
 *                    message that compensates also gets the saga's failure)
 * @param targetGroup the group whose inbox gets the next message, or {@code null} for none
 * @param next        the next message, or {@code null}
 */
record Advance(String expected, String newState, String context, String doneKey, List<String> stored,
        String result, String failure, String cause, String fillField, String targetGroup, OrchestrationMessage next) {

    static Advance commit(String context, String result) {
        return new Advance(SagaState.STARTED.name(), SagaState.COMMITTED.name(), context, "", List.of(),
                nonNull(result), "", "", "", null, null);
    }

    static Advance next(SagaState expected, String context, String targetGroup, OrchestrationMessage next,
            List<String> stored) {
        return new Advance(expected.name(), "", context, "", List.copyOf(stored), "", "", "", "", targetGroup, next);
    }

    /** A forward failure: the saga starts compensating (then {@link #then} or {@link #rolledBack()}). */
    static Advance startCompensating(String context, String failure, String cause) {
        return new Advance(SagaState.STARTED.name(), SagaState.COMPENSATING.name(), context, "", List.of(), "",
                nonNull(failure), nonNull(cause), "", null, null);
    }

    /** A compensation finished (then {@link #then} or {@link #rolledBack()}). */
    static Advance compensating(String context, String doneKey) {
        return new Advance(SagaState.COMPENSATING.name(), "", nonNull(context), nonNull(doneKey), List.of(), "", "", "",
                "", null, null);
    }

    /** A participant's reply to the orchestrator's group. */
    static Advance reply(String targetGroup, OrchestrationMessage reply, String doneKey) {
        return new Advance("*", "", "", nonNull(doneKey), List.of(), "", "", "", "", targetGroup, reply);
    }

    /** This advance, also storing these fields (name, value pairs). */
    Advance storing(List<String> fields) {
        return new Advance(expected, newState, context, doneKey, List.copyOf(fields), result, failure, cause,
                fillField, targetGroup, next);
    }

    /** This advance, ending the saga rolled back. */
    Advance rolledBack() {
        return new Advance(expected, SagaState.ROLLED_BACK.name(), context, doneKey, stored, result, failure, cause,
                fillField, null, null);
    }

    /** This advance, sending the next compensation with the stored input of its step. */
    Advance then(String group, OrchestrationMessage message, String inputField) {
        return new Advance(expected, newState, context, doneKey, stored, result, failure, cause, inputField, group,
                message);
    }

    String contextOr(String fallback) {
        return context == null || context.isEmpty() ? fallback : context;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
