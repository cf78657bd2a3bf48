package dev.netx.faults;

import java.util.List;
import java.util.Map;

/**
 * What a scenario checks and measures itself, beyond the checker's invariants: the throughput with
 * and without poison, the latency of claiming a long pending list, the crashes it caused.
 *
 * @param figure     its measures in words, appended to the figure line; empty for none
 * @param numbers    the same measures as numbers, for the JSON report
 * @param violations the scenario's own broken invariants
 * @param findings   what is worth a look but breaks no invariant
 */
record ScenarioCheck(String figure, Map<String, Object> numbers, List<String> violations, List<String> findings) {

    /** Nothing checked beyond the checker's invariants. */
    static final ScenarioCheck NONE = new ScenarioCheck("", Map.of(), List.of(), List.of());

    /** Copies the lists. */
    ScenarioCheck {
        numbers = Map.copyOf(numbers);
        violations = List.copyOf(violations);
        findings = List.copyOf(findings);
    }
}
