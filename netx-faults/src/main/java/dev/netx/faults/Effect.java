package dev.netx.faults;

import java.util.Optional;

/**
 * A side effect of the order saga in a participant's database, recognised by the idempotency key
 * that Netx handed the handler and that the shop recorded in the effect's transaction: {@code
 * sagaId:<step index>:step|compensate} in orchestration, {@code sagaId:<group>:<phase>} in
 * choreography. The step index depends on the saga's version (version 1 debits at step 1 and
 * reserves at step 2; version 2's screen step moves them to 2 and 3), so which effect an
 * orchestrated key records is told by the database it is in.
 */
enum Effect {
    /** payment: the customer was debited. */
    DEBIT("payment", "step", "start"),
    /** payment: the debit was undone. */
    REFUND("payment", "compensate", "rollback"),
    /** inventory: the stock was reserved. */
    RESERVE("inventory", "step", "join"),
    /** inventory: the reservation was undone. */
    RELEASE("inventory", "compensate", "rollback");

    private final String role;
    private final String orchestratedPhase;
    private final String choreographedPhase;

    Effect(String role, String orchestratedPhase, String choreographedPhase) {
        this.role = role;
        this.orchestratedPhase = orchestratedPhase;
        this.choreographedPhase = choreographedPhase;
    }

    /**
     * The saga and effect an idempotency key records.
     *
     * @param role the database the key is in: {@code payment} or {@code inventory}
     * @param key  one key of that database
     */
    static Optional<Recorded> of(String role, String key) {
        int phaseAt = key.lastIndexOf(':');
        int stepAt = phaseAt < 0 ? -1 : key.lastIndexOf(':', phaseAt - 1);
        if (stepAt <= 0) {
            return Optional.empty();
        }
        String step = key.substring(stepAt + 1, phaseAt);
        String phase = key.substring(phaseAt + 1);
        boolean orchestrated = !step.isEmpty() && step.chars().allMatch(Character::isDigit);
        if (!orchestrated && !step.equals(role)) {
            return Optional.empty();
        }
        for (Effect effect : values()) {
            if (effect.role.equals(role)
                    && phase.equals(orchestrated ? effect.orchestratedPhase : effect.choreographedPhase)) {
                return Optional.of(new Recorded(key.substring(0, stepAt), effect));
            }
        }
        return Optional.empty();
    }

    /**
     * An effect recorded for a saga.
     *
     * @param sagaId the saga
     * @param effect what was done
     */
    record Recorded(String sagaId, Effect effect) {
    }
}
