package dev.netx.faults;

import java.util.List;

/**
 * The checker's findings on one scenario.
 *
 * @param sagas          orders placed in the scenario (new rows, plus accepted orders missing from the database)
 * @param lost           accepted or recorded orders that did not end CONFIRMED or CANCELLED (or vanished)
 * @param disagreements  201 answers whose order ended CANCELLED, 409 answers whose order ended CONFIRMED
 * @param effects        the side-effect invariants
 * @param callers        what the callers got
 * @param settledMs      how long after the last fault healed every saga had ended and nothing was pending, or -1
 * @param recoveryMaxMs  the longest wait, after a fault healed, for the next order to complete, or -1
 * @param redisAfter     the netx keys once settled
 * @param deadLetters    dead letters added during the scenario
 * @param fenced         late writes of nodes that had lost their claim, refused (FENCED in the logs)
 * @param violations     broken invariants
 * @param findings       what is worth a look but breaks no invariant (500 answers, dead letters)
 */
record Verdict(int sagas, int lost, int disagreements, SideEffects effects, Callers callers, long settledMs,
        long recoveryMaxMs, RedisState redisAfter, long deadLetters, int fenced, List<String> violations,
        List<String> findings) {

    /** This verdict with more violations and findings. */
    Verdict with(List<String> moreViolations, List<String> moreFindings) {
        if (moreViolations.isEmpty() && moreFindings.isEmpty()) {
            return this;
        }
        List<String> allViolations = new java.util.ArrayList<>(violations);
        allViolations.addAll(moreViolations);
        List<String> allFindings = new java.util.ArrayList<>(findings);
        allFindings.addAll(moreFindings);
        return new Verdict(sagas, lost, disagreements, effects, callers, settledMs, recoveryMaxMs, redisAfter,
                deadLetters, fenced, List.copyOf(allViolations), List.copyOf(allFindings));
    }

    /** This verdict with its violations turned into findings, each after the prefix. */
    Verdict violationsAsFindings(String prefix) {
        List<String> allFindings = new java.util.ArrayList<>(violations.stream().map(v -> prefix + v).toList());
        allFindings.addAll(findings);
        return new Verdict(sagas, lost, disagreements, effects, callers, settledMs, recoveryMaxMs, redisAfter,
                deadLetters, fenced, List.of(), List.copyOf(allFindings));
    }

    /** Whether every invariant held. */
    boolean holds() {
        return violations.isEmpty();
    }
}
