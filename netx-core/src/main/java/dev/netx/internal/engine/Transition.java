package dev.netx.internal.engine;

/**
 * How a handled message is finished.
 *
 * @param action the transition script's action: {@code A} acknowledge only, {@code J} join,
 *               {@code C} commit, {@code R} roll back
 * @param next   the message to append, {@code null} for {@code A}
 */
record Transition(String action, SagaMessage next) {

    static final Transition ACK = new Transition("A", null);
}
