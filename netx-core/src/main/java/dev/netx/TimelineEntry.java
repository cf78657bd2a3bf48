package dev.netx;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to a saga, as its timeline holds it (see {@link SagaInspector}): written
 * with the transition it records, in the same script, so a timeline never shows a step that did not
 * happen nor misses one that did.
 *
 * @param at      when, on the clock of the node that did it
 * @param event   what happened
 * @param group   the group of the node that did it
 * @param node    the node that did it
 * @param step    the orchestrated step's index; -1 where there is none (a choreographed saga's events)
 * @param name    the step's name, the participant handler, or the event type; empty for none
 * @param attempt which delivery of its message it was, from 1; 0 where it was no delivery (a start)
 * @param failed  whether it failed
 * @param state   the saga's state after it; {@code null} where it did not change
 * @param detail  the failure ({@code type: message}), a reason, or a publish's phase; {@code null} for none
 */
public record TimelineEntry(Instant at, Event event, String group, String node, int step, String name, int attempt,
        boolean failed, SagaState state, String detail) {

    /** What happened. */
    public enum Event {
        /** The saga started (an orchestrator's start, or a choreographed saga's first event). */
        STARTED,
        /** A choreographed saga's event was published from outside a listener (join, commit, rollback). */
        PUBLISHED,
        /** A listener of a choreographed saga ran. */
        LISTENER,
        /** An orchestrator's local step ran (with the local steps after it, up to the next remote one). */
        STEP,
        /** A participant handler ran a remote step. */
        CALL,
        /** The orchestrator took a participant's reply. */
        REPLY,
        /** A compensation ran: a local one, or a participant's. */
        COMPENSATION,
        /** The saga's deadline passed while a call had no answer. */
        DEADLINE,
        /** A message could not be handled and was left pending for another try. */
        LEFT_FOR_RETRY,
        /** A message went to the dead-letter stream. */
        DEAD_LETTERED,
        /** A dead letter was sent back to the group that failed it. */
        RELAYED
    }

    /** Validates. */
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(name, "name");
    }
}
