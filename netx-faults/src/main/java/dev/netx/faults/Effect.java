package dev.netx.faults;

import java.util.Optional;

/**
 * A side effect of the order saga in a participant's database, recognised by the idempotency key
 * that Netx handed the handler ({@code sagaId:step:phase} in orchestration, {@code
 * sagaId:group:phase} in choreography) and that the shop recorded in the effect's transaction.
 */
enum Effect {
    /** payment: the customer was debited. */
    DEBIT(":1:step", ":payment:start"),
    /** payment: the debit was undone. */
    REFUND(":1:compensate", ":payment:rollback"),
    /** inventory: the stock was reserved. */
    RESERVE(":2:step", ":inventory:join"),
    /** inventory: the reservation was undone. */
    RELEASE(":2:compensate", ":inventory:rollback");

    private final String orchestrated;
    private final String choreographed;

    Effect(String orchestrated, String choreographed) {
        this.orchestrated = orchestrated;
        this.choreographed = choreographed;
    }

    /**
     * The saga and effect an idempotency key records.
     *
     * @param key one key of the payment or inventory database
     */
    static Optional<Recorded> of(String key) {
        for (Effect effect : values()) {
            for (String suffix : new String[] {effect.orchestrated, effect.choreographed}) {
                if (key.endsWith(suffix)) {
                    return Optional.of(new Recorded(key.substring(0, key.length() - suffix.length()), effect));
                }
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
